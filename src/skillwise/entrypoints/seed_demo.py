"""`skillwise seed-demo`: known demo accounts and a realistic catalog to browse.

Everything is derived from fixed seeds: course number i always has the same id, title,
outline and price, whatever --courses says. A run adds what is missing and leaves what is
there, so running it twice changes nothing and a larger --courses only adds courses.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID, uuid5

from skillwise.application.accounts.ports import PasswordHasher
from skillwise.application.learning.enrollment_grants import grant_enrollment
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.catalog.slugs import first_free_slug, slugify
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User

DEFAULT_COURSES = 60
NAMESPACE = UUID("6f1c35c2-38a4-4a8e-9a57-5b3f0a3c2d11")


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    full_name: str
    role: Role
    bio: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("student@skillwise.local", "student-pass-123", "Sam Student", Role.STUDENT),
    DemoAccount(
        "instructor@skillwise.local",
        "instructor-pass-123",
        "Ivy Instructor",
        Role.INSTRUCTOR,
        "Full-stack developer who has taught web development for ten years.",
    ),
    DemoAccount("admin@skillwise.local", "admin-pass-123", "Ada Admin", Role.ADMIN),
)

# Five more teachers; they share the demo instructor's password.
GUEST_TEACHERS = (
    ("Amara Okafor", "amara.okafor", "Data scientist and former statistics lecturer."),
    ("Ravi Menon", "ravi.menon", "Product designer who has shipped apps used by millions."),
    ("Sofia Lindqvist", "sofia.lindqvist", "Photographer and music producer based in Malmö."),
    ("Tanvir Rahman", "tanvir.rahman", "Marketing lead and startup adviser in Dhaka."),
    ("Mei Chen", "mei.chen", "Polyglot teacher of languages and business communication."),
)

TOPICS = {
    "programming": ("Python", "JavaScript", "TypeScript", "Go", "Rust", "Django", "React", "SQL"),
    "design": ("Figma", "UI Design", "Typography", "Logo Design", "Colour Theory", "UX Research"),
    "business": (
        "Project Management",
        "Negotiation",
        "Startup Finance",
        "Leadership",
        "Product Management",
        "Public Speaking",
    ),
    "data-science": (
        "Pandas",
        "Machine Learning",
        "Statistics",
        "Data Visualisation",
        "Deep Learning",
        "Time Series",
    ),
    "marketing": (
        "SEO",
        "Content Marketing",
        "Email Marketing",
        "Social Media Ads",
        "Copywriting",
    ),
    "photography": (
        "Portrait Photography",
        "Lightroom",
        "Street Photography",
        "Smartphone Photography",
        "Studio Lighting",
    ),
    "music": ("Guitar", "Piano", "Music Theory", "Home Recording", "Songwriting"),
    "languages": ("Spanish", "Japanese", "French", "German", "Bangla", "English Grammar"),
}
CATEGORIES = tuple(TOPICS)

TITLES = (
    ("{topic} for Complete Beginners", CourseLevel.BEGINNER),
    ("{topic} Fundamentals", CourseLevel.BEGINNER),
    ("The Practical {topic} Course", CourseLevel.ALL_LEVELS),
    ("{topic} in Practice: Real Projects", CourseLevel.INTERMEDIATE),
    ("Mastering {topic}", CourseLevel.INTERMEDIATE),
    ("Advanced {topic} Techniques", CourseLevel.ADVANCED),
    ("{topic} Bootcamp: Zero to Confident", CourseLevel.ALL_LEVELS),
)
SUBTITLES = (
    "Learn {topic} step by step, with exercises after every lesson",
    "Build real skills in {topic} in {weeks} weeks, one small win at a time",
    "A hands-on path through {topic} for busy people",
    "Everything you need to use {topic} with confidence at work",
    "Clear explanations, worked examples and a final project in {topic}",
)
OUTCOMES = (
    "the core ideas of {topic} and the words professionals use",
    "a repeatable workflow you can use on your own projects",
    "how to avoid the mistakes most beginners make with {topic}",
    "how to judge your own work and keep improving",
    "a finished project to show in your portfolio",
    "where to go next once the course is over",
)
AUDIENCES = (
    "Complete beginners who want a structured start",
    "Self-taught learners filling the gaps",
    "Professionals adding {topic} to their toolkit",
    "Students preparing for their first job",
)
MODULE_STAGES = (
    "Getting Started",
    "Core Concepts",
    "Working Step by Step",
    "A Guided Project",
    "Going Further",
    "Polish and Best Practices",
    "Wrap-up and Next Steps",
)
LESSON_KINDS = (
    "Welcome and what you will build",
    "Setting up",
    "The big idea",
    "A worked example",
    "Common mistakes and how to avoid them",
    "Exercise",
    "Going deeper",
    "Quiz and recap",
    "Case study",
    "Tips from practice",
)
USD_PRICES = (999, 1499, 1999, 2499, 2999, 3999, 4999, 7999, 9999)
BDT_PRICES = (50000, 99900, 150000, 250000)


@dataclass
class SeedReport:
    accounts_created: list[str] = field(default_factory=list)
    courses_created: int = 0
    lessons_created: int = 0
    courses_total: int = 0


@dataclass(frozen=True)
class _Teacher:
    user: User
    password: str


class DemoSeeder:
    """Creates the demo accounts and the first `courses` demo courses that are missing."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        hasher: PasswordHasher,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._clock = clock

    def __call__(self, courses: int = DEFAULT_COURSES) -> SeedReport:
        now = self._clock.now()
        report = SeedReport(courses_total=courses)
        new_courses: list[Course] = []
        with self._uow_factory() as uow:
            accounts = {
                account.email: self._account(uow, account, now, report) for account in DEMO_ACCOUNTS
            }
            teachers = [accounts["instructor@skillwise.local"]] + [
                self._account(
                    uow,
                    DemoAccount(
                        f"{handle}@skillwise.local",
                        "instructor-pass-123",
                        name,
                        Role.INSTRUCTOR,
                        bio,
                    ),
                    now,
                    report,
                )
                for name, handle, bio in GUEST_TEACHERS
            ]
            modules: list[Module] = []
            lessons: list[Lesson] = []
            slugs_taken: set[str] = set()
            free_courses: list[UUID] = []
            for number in range(courses):
                course_id = uuid5(NAMESPACE, f"course-{number}")
                course, outline = _demo_course(number, course_id, teachers, now)
                if course.is_free and course.is_published:
                    free_courses.append(course_id)
                if uow.courses.get(course_id) is not None:
                    continue
                base = slugify(course.title)
                course.slug = first_free_slug(
                    base, uow.courses.slugs_starting_with(base) | slugs_taken
                )
                slugs_taken.add(course.slug)
                new_courses.append(course)
                modules += outline
                lessons += [lesson for module in outline for lesson in module.lessons]
            uow.courses.add_many(new_courses)
            uow.modules.add_many(modules)
            uow.lessons.add_many(lessons)
            student = accounts["student@skillwise.local"]
            for course_id in free_courses[:2]:
                course = uow.courses.get_for_update(course_id)
                if course is not None:
                    grant_enrollment(uow, user_id=student.id, course=course, now=now)
            for course in new_courses:
                uow.after_commit(CourseChanged(course.id))
            uow.commit()
        report.courses_created = len(new_courses)
        report.lessons_created = len(lessons)
        return report

    def _account(
        self, uow: UnitOfWork, account: DemoAccount, now: datetime, report: SeedReport
    ) -> User:
        existing = uow.users.get_by_email(Email(account.email))
        if existing is not None:
            return existing
        user = User(
            id=uuid5(NAMESPACE, account.email),
            email=Email(account.email),
            full_name=account.full_name,
            password_hash=self._hasher.hash(account.password),
            date_joined=now,
            role=account.role,
            email_verified=True,
            bio=account.bio,
        )
        uow.users.add(user)
        report.accounts_created.append(account.email)
        return user


def _demo_course(
    number: int, course_id: UUID, teachers: list[User], now: datetime
) -> tuple[Course, list[Module]]:
    rng = random.Random(f"skillwise-demo:{number}")
    category = CATEGORIES[number % len(CATEGORIES)]
    topic = rng.choice(TOPICS[category])
    template, level = rng.choice(TITLES)
    price, language = _price_and_language(rng)
    title = template.format(topic=topic)
    if language == "bn":
        title += " (in Bangla)"
    created_at = now - timedelta(days=rng.randint(20, 720), minutes=rng.randint(0, 1439))
    course = Course(
        id=course_id,
        instructor_id=teachers[number % len(teachers)].id,
        title=title,
        slug="",
        subtitle=rng.choice(SUBTITLES).format(topic=topic, weeks=rng.randint(3, 8)),
        description=_description(rng, topic),
        category=category,
        level=level,
        language=language,
        price=price,
        thumbnail_url=f"https://picsum.photos/seed/skillwise-{number}/640/360",
        created_at=created_at,
        updated_at=created_at,
    )
    outline = _outline(rng, course, topic)
    lesson_count = sum(len(module.lessons) for module in outline)
    # The demo instructor keeps one draft, so their own course list shows every status.
    if number != 0:
        published_at = created_at + timedelta(days=rng.randint(1, 14))
        course.move_to_status(CourseStatus.PUBLISHED, now=published_at, lesson_count=lesson_count)
    return course, outline


def _price_and_language(rng: random.Random) -> tuple[Money, str]:
    roll = rng.random()
    if roll < 0.15:
        return Money(0, "USD"), "en"
    if roll < 0.25:
        return Money(rng.choice(BDT_PRICES), "BDT"), "bn"
    return Money(rng.choice(USD_PRICES), "USD"), "en"


def _description(rng: random.Random, topic: str) -> str:
    outcomes = rng.sample(OUTCOMES, 4)
    audiences = rng.sample(AUDIENCES, 2)
    return "\n".join(
        [
            f"This course takes you through {topic} with short videos, clear notes and "
            "exercises you can finish in an evening.",
            "",
            "## What you will learn",
            "",
            *(f"- {outcome.format(topic=topic)}" for outcome in outcomes),
            "",
            "## Who this course is for",
            "",
            *(f"- {audience.format(topic=topic)}" for audience in audiences),
            "",
            "## Requirements",
            "",
            "- A computer with an internet connection and curiosity; no prior experience needed.",
        ]
    )


def _outline(rng: random.Random, course: Course, topic: str) -> list[Module]:
    outline = []
    stages = sorted(rng.sample(range(len(MODULE_STAGES)), rng.randint(2, 5)))
    for module_number, stage in enumerate(stages, start=1):
        module = Module(
            id=uuid5(course.id, f"module-{module_number}"),
            course_id=course.id,
            title=f"{MODULE_STAGES[stage]}: {topic}" if module_number > 1 else MODULE_STAGES[stage],
            position=module_number,
        )
        kinds = sorted(rng.sample(range(len(LESSON_KINDS)), rng.randint(2, 6)))
        for lesson_number, kind in enumerate((LESSON_KINDS[k] for k in kinds), start=1):
            first = module_number == 1 and lesson_number == 1
            module.lessons.append(
                Lesson(
                    id=uuid5(module.id, f"lesson-{lesson_number}"),
                    module_id=module.id,
                    course_id=course.id,
                    title=kind,
                    position=lesson_number,
                    content=_lesson_content(rng, topic, kind),
                    video_url=(
                        f"https://cdn.skillwise.example/videos/{course.id}/"
                        f"{module_number}-{lesson_number}.mp4"
                    ),
                    duration_seconds=rng.randint(3, 25) * 60 + rng.randint(0, 59),
                    is_preview=first or (module_number == 1 and rng.random() < 0.2),
                    created_at=course.created_at,
                    updated_at=course.created_at,
                )
            )
        outline.append(module)
    return outline


def _lesson_content(rng: random.Random, topic: str, kind: str) -> str:
    points = rng.sample(OUTCOMES, 3)
    return "\n".join(
        [
            f"## {kind}",
            "",
            f"In this lesson we look at {topic} from a practical angle: what it is for, how "
            "it is used day to day, and how to practise it on your own.",
            "",
            "### Key points",
            "",
            *(f"- {point.format(topic=topic)}" for point in points),
            "",
            "### Try it",
            "",
            f"Spend fifteen minutes applying today's idea to a small {topic} task of your "
            "own, then write down one thing that surprised you.",
        ]
    )
