"""Read models of the catalog: courses as lists and pages show them, lessons as callers see them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO
from uuid import UUID

from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.money import Money


@dataclass(frozen=True, slots=True)
class CourseSummary:
    """One course in a list, with its teacher and lesson totals."""

    id: UUID
    title: str
    slug: str
    subtitle: str
    category: str
    level: CourseLevel
    language: str
    price: Money
    thumbnail_url: str | None
    status: CourseStatus
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    rating_count: int
    rating_sum: int
    enrollment_count: int
    instructor: PersonRef
    lesson_count: int
    total_duration_seconds: int

    @property
    def is_free(self) -> bool:
        return self.price.is_zero

    @property
    def rating_avg(self) -> float | None:
        if self.rating_count == 0:
            return None
        return round(self.rating_sum / self.rating_count, 2)


@dataclass(frozen=True, slots=True)
class LessonHeading:
    """A lesson as the outline shows it: never its content."""

    id: UUID
    module_id: UUID
    title: str
    position: int
    duration_seconds: int
    is_preview: bool

    @classmethod
    def of(cls, lesson: Lesson) -> LessonHeading:
        return cls(
            id=lesson.id,
            module_id=lesson.module_id,
            title=lesson.title,
            position=lesson.position,
            duration_seconds=lesson.duration_seconds,
            is_preview=lesson.is_preview,
        )


@dataclass(frozen=True, slots=True)
class ModuleOutline:
    id: UUID
    course_id: UUID
    title: str
    position: int
    lessons: tuple[LessonHeading, ...]

    @classmethod
    def of(cls, module: Module, lessons: Sequence[Lesson]) -> ModuleOutline:
        return cls(
            id=module.id,
            course_id=module.course_id,
            title=module.title,
            position=module.position,
            lessons=tuple(LessonHeading.of(lesson) for lesson in lessons),
        )

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    @property
    def total_duration_seconds(self) -> int:
        return sum(lesson.duration_seconds for lesson in self.lessons)


@dataclass(frozen=True, slots=True)
class CourseDetail:
    course: Course
    instructor: PersonRef
    modules: tuple[ModuleOutline, ...]

    @property
    def lesson_count(self) -> int:
        return sum(module.lesson_count for module in self.modules)

    @property
    def total_duration_seconds(self) -> int:
        return sum(module.total_duration_seconds for module in self.modules)


@dataclass(frozen=True, slots=True)
class LessonView:
    """A lesson as one caller may see it: content and attachments only when open to them."""

    lesson: Lesson
    content_open: bool
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class AttachmentDownload:
    """The file itself (`stream`), or a short-lived `url` the store serves it from."""

    attachment: Attachment
    stream: BinaryIO | None = None
    url: str | None = None
