"""Ports of the catalog: outline repositories, the catalog's read side, and file storage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import BinaryIO, Protocol
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.money import Money

# --- write side: repositories on the unit of work ---


class ModuleRepository(Protocol):
    """Modules without their lessons (`Module.lessons` stays empty)."""

    def add(self, module: Module) -> None: ...

    def add_many(self, modules: Sequence[Module]) -> None:
        """Insert several modules in one statement (bulk loads such as demo data)."""
        ...

    def get(self, module_id: UUID) -> Module | None: ...

    def list_for_course(self, course_id: UUID) -> list[Module]:
        """Ordered by position."""
        ...

    def save(self, module: Module) -> None: ...

    def save_positions(self, modules: Sequence[Module]) -> None:
        """Store the positions of several modules at once."""
        ...

    def delete(self, module_id: UUID) -> None:
        """Delete the module with its lessons and their attachment records."""
        ...


class LessonRepository(Protocol):
    def add(self, lesson: Lesson) -> None: ...

    def add_many(self, lessons: Sequence[Lesson]) -> None:
        """Insert several lessons in one statement (bulk loads such as demo data)."""
        ...

    def get(self, lesson_id: UUID) -> Lesson | None: ...

    def list_for_module(self, module_id: UUID) -> list[Lesson]:
        """Ordered by position."""
        ...

    def count_for_course(self, course_id: UUID) -> int: ...

    def save(self, lesson: Lesson) -> None: ...

    def save_positions(self, lessons: Sequence[Lesson]) -> None:
        """Store the positions of several lessons at once."""
        ...

    def delete(self, lesson_id: UUID) -> None:
        """Delete the lesson with its attachment records."""
        ...


class AttachmentRepository(Protocol):
    def add(self, attachment: Attachment) -> None: ...

    def get(self, attachment_id: UUID) -> Attachment | None: ...

    def list_for_lessons(self, lesson_ids: Sequence[UUID]) -> list[Attachment]:
        """Oldest first."""
        ...

    def list_for_course(self, course_id: UUID) -> list[Attachment]: ...

    def delete(self, attachment_id: UUID) -> None: ...


# --- files ---


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """An uploaded file as the client sent it: nothing in here is trusted."""

    filename: str | None
    declared_type: str | None
    stream: BinaryIO


class FileStorage(Protocol):
    """Keeps file contents under keys the application generates, never names users choose."""

    def save(self, key: str, chunks: Iterable[bytes], *, max_bytes: int) -> int:
        """Write the chunks under `key` and return the size. Past `max_bytes` it keeps nothing
        and raises AttachmentTooLarge."""
        ...

    def open(self, key: str) -> BinaryIO | None:
        """The stored contents for reading, or None when there is no such file."""
        ...

    def delete(self, key: str) -> None:
        """Remove the file; a missing file is not an error."""
        ...


# --- read side: the catalog as browsers see it ---


class CourseOrdering(StrEnum):
    PRICE = "price"
    PRICE_DESC = "-price"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    RATING = "rating"
    RATING_DESC = "-rating"
    POPULARITY = "popularity"


@dataclass(frozen=True, slots=True)
class CourseFilters:
    """What a browser narrows the published catalog by; None means 'any'."""

    search: str | None = None
    category: str | None = None
    level: CourseLevel | None = None
    language: str | None = None
    instructor_id: UUID | None = None
    min_price: int | None = None
    max_price: int | None = None
    is_free: bool | None = None
    currency: str | None = None


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


class CourseQueries(Protocol):
    """The catalog's read side: a fixed number of statements per call, whatever the size."""

    def published_courses(
        self, filters: CourseFilters, ordering: CourseOrdering | None, page: PageRequest
    ) -> Page[CourseSummary]:
        """Published courses only. Without an ordering: by relevance when searching (where the
        database ranks matches), newest first otherwise; ties always broken by id."""
        ...

    def all_courses(
        self,
        filters: CourseFilters,
        status: CourseStatus | None,
        ordering: CourseOrdering | None,
        page: PageRequest,
    ) -> Page[CourseSummary]:
        """Courses of any status (or of one), filtered and ordered like the public catalog."""
        ...

    def courses_taught_by(self, instructor_id: UUID, page: PageRequest) -> Page[CourseSummary]:
        """Every course of one instructor, whatever its status, newest first."""
        ...

    def course_detail(self, course_id: UUID) -> CourseDetail | None:
        """The course, its instructor and its outline (modules and lessons by position),
        whatever its status."""
        ...


# --- results of lesson and attachment use cases ---


@dataclass(frozen=True, slots=True)
class LessonView:
    """A lesson as one caller may see it: content and attachments only when open to them."""

    lesson: Lesson
    content_open: bool
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class AttachmentDownload:
    attachment: Attachment
    stream: BinaryIO
