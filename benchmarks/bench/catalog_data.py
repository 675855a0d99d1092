"""The benchmark's catalog, generated from a fixed seed so every run measures the same data.

Proportions follow a marketplace: instructors teach a skewed number of courses, a course has
3-8 modules of 2-7 lessons, enrollments per course follow a long tail (most courses have a
handful of students, a few have thousands), and about one enrollment in five leaves a review
that leans positive. Derived columns (rating sums and counts, enrollment counts, lesson
totals) are computed here from the rows themselves, so they always agree.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID

SEED_VERSION = 1

TOPICS = {
    "programming": ("Python", "JavaScript", "TypeScript", "Go", "Rust", "Django", "React", "SQL"),
    "design": ("Figma", "UI Design", "Typography", "Logo Design", "Colour Theory"),
    "business": ("Project Management", "Negotiation", "Startup Finance", "Leadership"),
    "data-science": (
        "Pandas",
        "Machine Learning",
        "Statistics",
        "Python for Data",
        "Deep Learning",
    ),
    "marketing": ("SEO", "Content Marketing", "Email Marketing", "Copywriting"),
    "photography": ("Portrait Photography", "Lightroom", "Street Photography"),
    "music": ("Guitar", "Piano", "Music Theory", "Home Recording"),
    "languages": ("Spanish", "Japanese", "French", "German", "Bangla"),
}
TITLES = (
    ("{topic} for Complete Beginners", "beginner"),
    ("{topic} Fundamentals", "beginner"),
    ("The Practical {topic} Course", "all_levels"),
    ("{topic} in Practice: Real Projects", "intermediate"),
    ("Mastering {topic}", "intermediate"),
    ("Advanced {topic} Techniques", "advanced"),
)
SUBTITLES = (
    "Learn {topic} step by step, with exercises after every lesson",
    "A hands-on path through {topic} for busy people",
    "Everything you need to use {topic} with confidence at work",
)
FIRST_NAMES = ("Ada", "Amara", "Ravi", "Sofia", "Tanvir", "Mei", "Lucas", "Nadia", "Omar", "Yuki")
LAST_NAMES = ("Okafor", "Menon", "Lindqvist", "Rahman", "Chen", "Silva", "Haddad", "Sato", "Novak")
LANGUAGES = (("en", 70), ("es", 10), ("pt-BR", 8), ("bn", 5), ("fr", 4), ("de", 3))
PRICES = (999, 1499, 1999, 2499, 2999, 4999, 9999)
RATINGS = ((1, 3), (2, 5), (3, 12), (4, 35), (5, 45))
SEEDED_PASSWORD_HASH = "!unusable"
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Parameters:
    courses: int = 10_000
    instructors: int = 1_000
    students: int = 20_000
    seed: int = 20_250_101

    def fingerprint(self) -> str:
        return (
            f"skillwise-bench v{SEED_VERSION} courses={self.courses} "
            f"instructors={self.instructors} students={self.students} seed={self.seed}"
        )


@dataclass
class Catalog:
    users: list[tuple] = field(default_factory=list)
    courses: list[dict] = field(default_factory=list)
    modules: list[tuple] = field(default_factory=list)
    lessons: list[tuple] = field(default_factory=list)
    enrollments: list[tuple] = field(default_factory=list)
    reviews: list[tuple] = field(default_factory=list)
    instructor_names: dict[UUID, str] = field(default_factory=dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _weighted(rng: random.Random, pairs: tuple[tuple[object, int], ...]) -> object:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def generate(parameters: Parameters) -> Catalog:
    rng = random.Random(parameters.seed)

    def new_id() -> UUID:
        return UUID(int=rng.getrandbits(128), version=4)

    catalog = Catalog()
    instructors, students = [], []
    for role, count, into in (
        ("instructor", parameters.instructors, instructors),
        ("student", parameters.students, students),
    ):
        for n in range(count):
            user_id = new_id()
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            joined = EPOCH - timedelta(days=rng.uniform(800, 1200))
            catalog.users.append(
                (
                    user_id,
                    f"{role}-{n}@bench.example.com",
                    name,
                    SEEDED_PASSWORD_HASH,
                    role,
                    True,
                    True,
                    "",
                    None,
                    joined,
                )
            )
            into.append(user_id)
            if role == "instructor":
                catalog.instructor_names[user_id] = name

    for n in range(parameters.courses):
        course_id = new_id()
        category = rng.choice(tuple(TOPICS))
        topic = rng.choice(TOPICS[category])
        template, level = rng.choice(TITLES)
        title = template.format(topic=topic)
        created = EPOCH - timedelta(days=rng.uniform(0, 730))
        published = created + timedelta(days=rng.uniform(1, 20))
        free = rng.random() < 0.12
        course = {
            "id": course_id,
            # Squared draws give a long tail: a few instructors teach dozens of courses.
            "instructor_id": instructors[int(rng.random() ** 2 * len(instructors))],
            "title": title,
            "slug": f"{_slug(title)}-{n}",
            "subtitle": rng.choice(SUBTITLES).format(topic=topic),
            "description": (
                f"{title} takes you from the first steps to confident use of {topic}. "
                f"Every module ends with a project you can show. Taught in plain language, "
                f"with downloadable notes and quizzes."
            ),
            "category": category,
            "level": level,
            "language": _weighted(rng, LANGUAGES),
            "price_minor": 0 if free else rng.choice(PRICES),
            "currency": "EUR" if rng.random() < 0.1 else "USD",
            "thumbnail_url": f"https://cdn.example.com/thumbnails/{n}.jpg",
            "status": "published",
            "published_at": published,
            "created_at": created,
            "updated_at": published,
            "rating_count": 0,
            "rating_sum": 0,
            "enrollment_count": 0,
            "lesson_count": 0,
            "total_duration_seconds": 0,
        }
        for m in range(rng.randint(3, 8)):
            module_id = new_id()
            catalog.modules.append((module_id, course_id, f"Module {m + 1}: {topic}", m + 1))
            for position in range(1, rng.randint(2, 7) + 1):
                duration = rng.randint(120, 1500)
                lesson_id = new_id()
                catalog.lessons.append(
                    (
                        lesson_id,
                        module_id,
                        course_id,
                        f"Lesson {position} of module {m + 1}",
                        f"Notes for lesson {position}.",
                        f"https://video.example.com/{lesson_id}.mp4",
                        duration,
                        position,
                        m == 0 and position == 1,
                        created,
                        created,
                    )
                )
                course["lesson_count"] += 1
                course["total_duration_seconds"] += duration

        enrolled = min(len(students), 5_000, int(rng.paretovariate(1.3) * 3) - 1)
        for student in rng.sample(students, max(enrolled, 0)):
            started = published + timedelta(days=rng.uniform(0, 90))
            completed = (
                started + timedelta(days=rng.uniform(5, 60)) if rng.random() < 0.15 else None
            )
            catalog.enrollments.append(
                (
                    new_id(),
                    student,
                    course_id,
                    "completed" if completed else "active",
                    started,
                    completed,
                    completed or started,
                )
            )
            course["enrollment_count"] += 1
            if rng.random() < 0.2:
                rating = _weighted(rng, RATINGS)
                reviewed = started + timedelta(days=rng.uniform(1, 30))
                catalog.reviews.append(
                    (new_id(), student, course_id, rating, "Clear and useful.", reviewed, reviewed)
                )
                course["rating_count"] += 1
                course["rating_sum"] += rating
        catalog.courses.append(course)
    return catalog
