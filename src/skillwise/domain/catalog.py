"""Courses and their outline: course > module > lesson."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.money import Money


class CourseStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class CourseLevel(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL_LEVELS = "all_levels"


@dataclass(eq=False)
class Lesson:
    module_id: UUID
    course_id: UUID
    title: str
    position: int
    created_at: datetime
    updated_at: datetime
    content: str = ""
    video_url: str | None = None
    duration_seconds: int = 0
    is_preview: bool = False
    id: UUID = field(default_factory=uuid4)


@dataclass(eq=False)
class Module:
    course_id: UUID
    title: str
    position: int
    lessons: list[Lesson] = field(default_factory=list)
    id: UUID = field(default_factory=uuid4)


@dataclass(eq=False)
class Course:
    instructor_id: UUID
    title: str
    slug: str
    category: str
    level: CourseLevel
    language: str
    price: Money
    created_at: datetime
    updated_at: datetime
    subtitle: str = ""
    description: str = ""
    thumbnail_url: str | None = None
    status: CourseStatus = CourseStatus.DRAFT
    published_at: datetime | None = None
    rating_count: int = 0
    rating_sum: int = 0
    enrollment_count: int = 0
    id: UUID = field(default_factory=uuid4)

    @property
    def is_free(self) -> bool:
        return self.price.is_zero

    @property
    def is_published(self) -> bool:
        return self.status is CourseStatus.PUBLISHED

    @property
    def rating_avg(self) -> float | None:
        """Mean rating to two decimals; None until the first review."""
        if self.rating_count == 0:
            return None
        return round(self.rating_sum / self.rating_count, 2)
