"""Demo course number i, drawn from a random generator seeded with i: same course every run."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from uuid import UUID, uuid5

from skillwise.domain.catalog.course import Course, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.money import Money
from skillwise.domain.users import User
from skillwise.entrypoints.demo.catalog_data import (
    AUDIENCES,
    BDT_PRICES,
    CATEGORIES,
    LESSON_KINDS,
    MODULE_STAGES,
    OUTCOMES,
    SUBTITLES,
    TITLES,
    TOPICS,
    USD_PRICES,
)


def demo_course(
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
