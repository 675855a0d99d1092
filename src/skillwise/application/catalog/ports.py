"""Ports of the catalog: outline repositories, the catalog's read side, and file storage.

What the read side answers with is in views.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO, Protocol
from uuid import UUID

from skillwise.application.catalog.views import CourseDetail, CourseSummary
from skillwise.application.shared.pagination import (
    KeysetPage,
    KeysetRequest,
    Page,
    PageRequest,
    Position,
)
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module

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


class CourseQueries(Protocol):
    """The catalog's read side: a fixed number of statements per call, whatever the size."""

    def published_courses(
        self,
        filters: CourseFilters,
        ordering: CourseOrdering | None,
        page: PageRequest,
        known_total: int | None = None,
        start_after: Position | None = None,
    ) -> Page[CourseSummary]:
        """Published courses only. Without an ordering: by relevance when searching (where the
        database ranks matches), newest first otherwise; ties always broken by id ascending.
        Given `known_total`, the matches are not counted again and the page carries that
        total. Given `start_after`, the position the page before ended on, the page is the
        rows right after it instead of the rows past the offset (the same rows while nothing
        changed in between). The page's `end` is its last row's position."""
        ...

    def published_courses_after(
        self, filters: CourseFilters, ordering: CourseOrdering | None, keyset: KeysetRequest
    ) -> KeysetPage[CourseSummary]:
        """Published courses in the same order as `published_courses`, except that ties are
        broken by id in the ordering's own direction, from just after `keyset.after`. Nothing
        is counted, and a page reads only its own rows, however deep it is."""
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
