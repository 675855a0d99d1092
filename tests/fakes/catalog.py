"""In-memory fakes of the catalog's ports.

Deleting a course, module or lesson in the database takes its children along (ON DELETE
CASCADE, covered by tests/integration/catalog); these fakes remove only the row asked for.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO
from uuid import UUID

from skillwise.application.catalog.ports import (
    AttachmentRepository,
    CourseFilters,
    CourseOrdering,
    LessonRepository,
    ModuleRepository,
)
from skillwise.application.catalog.views import CourseDetail, CourseSummary, ModuleOutline
from skillwise.application.shared.pagination import (
    KeysetPage,
    KeysetRequest,
    Page,
    PageRequest,
    Position,
)
from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.attachments import Attachment, AttachmentTooLarge
from skillwise.domain.catalog.course import Course, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.users import User
from tests.fakes.base import FakeRepository


class FakeModuleRepository(FakeRepository, implements=ModuleRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Module] = {}

    def add(self, module: Module) -> None:
        self.rows[module.id] = module

    def add_many(self, modules: Sequence[Module]) -> None:
        for module in modules:
            self.add(module)

    def get(self, module_id: UUID) -> Module | None:
        return self.rows.get(module_id)

    def list_for_course(self, course_id: UUID) -> list[Module]:
        found = [m for m in self.rows.values() if m.course_id == course_id]
        return sorted(found, key=lambda m: m.position)

    def save(self, module: Module) -> None:
        self.rows[module.id] = module

    def save_positions(self, modules: Sequence[Module]) -> None:
        for module in modules:
            self.rows[module.id].position = module.position

    def delete(self, module_id: UUID) -> None:
        self.rows.pop(module_id, None)


class FakeLessonRepository(FakeRepository, implements=LessonRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Lesson] = {}

    def add(self, lesson: Lesson) -> None:
        self.rows[lesson.id] = lesson

    def add_many(self, lessons: Sequence[Lesson]) -> None:
        for lesson in lessons:
            self.add(lesson)

    def get(self, lesson_id: UUID) -> Lesson | None:
        return self.rows.get(lesson_id)

    def list_for_module(self, module_id: UUID) -> list[Lesson]:
        found = [lesson for lesson in self.rows.values() if lesson.module_id == module_id]
        return sorted(found, key=lambda lesson: lesson.position)

    def count_for_course(self, course_id: UUID) -> int:
        return sum(1 for lesson in self.rows.values() if lesson.course_id == course_id)

    def save(self, lesson: Lesson) -> None:
        self.rows[lesson.id] = lesson

    def save_positions(self, lessons: Sequence[Lesson]) -> None:
        for lesson in lessons:
            self.rows[lesson.id].position = lesson.position

    def delete(self, lesson_id: UUID) -> None:
        self.rows.pop(lesson_id, None)


class FakeAttachmentRepository(FakeRepository, implements=AttachmentRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Attachment] = {}

    def add(self, attachment: Attachment) -> None:
        self.rows[attachment.id] = attachment

    def get(self, attachment_id: UUID) -> Attachment | None:
        return self.rows.get(attachment_id)

    def list_for_lessons(self, lesson_ids: Sequence[UUID]) -> list[Attachment]:
        found = [a for a in self.rows.values() if a.lesson_id in set(lesson_ids)]
        return sorted(found, key=lambda a: a.created_at)

    def list_for_course(self, course_id: UUID) -> list[Attachment]:
        return [a for a in self.rows.values() if a.course_id == course_id]

    def delete(self, attachment_id: UUID) -> None:
        self.rows.pop(attachment_id, None)


class FakeFileStorage:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def save(self, key: str, chunks: Iterable[bytes], *, max_bytes: int) -> int:
        content = b""
        for chunk in chunks:
            content += chunk
            if len(content) > max_bytes:
                raise AttachmentTooLarge(f"Attachments can be at most {max_bytes} bytes.")
        self.files[key] = content
        return len(content)

    def open(self, key: str) -> BinaryIO | None:
        return io.BytesIO(self.files[key]) if key in self.files else None

    def delete(self, key: str) -> None:
        self.files.pop(key, None)


class RecordingCatalogCache:
    """Stands in for CatalogCache: records each change with how many commits preceded it."""

    def __init__(self, uow: Any) -> None:
        self._uow = uow
        self.changes: list[tuple[UUID, int]] = []
        self.changed: list[UUID] = []

    def course_changed(self, course_id: UUID) -> None:
        self.changes.append((course_id, self._uow.commits))
        self.changed.append(course_id)

    def list_version(self) -> int:
        return len(self.changes)

    def course_version(self, course_id: UUID) -> int:
        return sum(1 for changed, _ in self.changes if changed == course_id)


class FakeCourseQueries:
    """The catalog's read side computed from a FakeUnitOfWork's rows."""

    def __init__(self, uow: Any) -> None:
        self._uow = uow
        # Every position a numbered page was asked to start after, as the use case passed it.
        self.pages_started_after: list[Position] = []

    def published_courses(
        self,
        filters: CourseFilters,
        ordering: CourseOrdering | None,
        page: PageRequest,
        known_total: int | None = None,
        start_after: Position | None = None,
    ) -> Page[CourseSummary]:
        found = self._published(filters, ordering)
        key, descending = _SORT_KEYS[ordering or CourseOrdering.CREATED_AT_DESC]
        start = page.offset
        if start_after is not None:
            self.pages_started_after.append(start_after)
            start = next(
                (
                    n
                    for n, c in enumerate(found)
                    if _comes_after(key(c), c.id, start_after, descending)
                ),
                len(found),
            )
        shown = found[start : start + page.page_size]
        return Page(
            items=[self.summary_of(c) for c in shown],
            total=len(found) if known_total is None else known_total,
            request=page,
            end=Position(key(shown[-1]), shown[-1].id) if shown else None,
        )

    def _published(self, filters: CourseFilters, ordering: CourseOrdering | None) -> list[Course]:
        found = [
            c
            for c in self._uow.courses.rows.values()
            if c.status is CourseStatus.PUBLISHED and _matches(c, filters)
        ]
        found.sort(key=lambda c: c.id)
        key, descending = _SORT_KEYS[ordering or CourseOrdering.CREATED_AT_DESC]
        found.sort(key=key, reverse=descending)
        return found

    def published_courses_after(
        self, filters: CourseFilters, ordering: CourseOrdering | None, keyset: KeysetRequest
    ) -> KeysetPage[CourseSummary]:
        key, descending = _SORT_KEYS[ordering or CourseOrdering.CREATED_AT_DESC]
        rows = self._uow.courses.rows.values()
        found = sorted(
            (c for c in rows if c.status is CourseStatus.PUBLISHED and _matches(c, filters)),
            key=lambda c: (key(c), c.id),
            reverse=descending,
        )
        if keyset.after is not None:
            after = (keyset.after.key, keyset.after.id)
            found = [
                c
                for c in found
                if ((key(c), c.id) < after if descending else (key(c), c.id) > after)
            ]
        shown = found[: keyset.page_size]
        more = len(found) > keyset.page_size
        following = Position(key(shown[-1]), shown[-1].id) if more else None
        return KeysetPage([self.summary_of(c) for c in shown], keyset, following)

    def all_courses(
        self,
        filters: CourseFilters,
        status: CourseStatus | None,
        ordering: CourseOrdering | None,
        page: PageRequest,
    ) -> Page[CourseSummary]:
        found = [
            c
            for c in self._uow.courses.rows.values()
            if (status is None or c.status is status) and _matches(c, filters)
        ]
        found.sort(key=lambda c: c.id)
        key, descending = _SORT_KEYS[ordering or CourseOrdering.CREATED_AT_DESC]
        found.sort(key=key, reverse=descending)
        return self._page(found, page)

    def courses_taught_by(self, instructor_id: UUID, page: PageRequest) -> Page[CourseSummary]:
        found = [c for c in self._uow.courses.rows.values() if c.instructor_id == instructor_id]
        found.sort(key=lambda c: c.id)
        found.sort(key=lambda c: c.created_at, reverse=True)
        return self._page(found, page)

    def course_detail(self, course_id: UUID) -> CourseDetail | None:
        course = self._uow.courses.rows.get(course_id)
        if course is None:
            return None
        return CourseDetail(
            course=course,
            instructor=self._instructor(course),
            modules=tuple(
                ModuleOutline.of(module, self._uow.lessons.list_for_module(module.id))
                for module in self._uow.modules.list_for_course(course_id)
            ),
        )

    def _page(self, courses: list[Course], page: PageRequest) -> Page[CourseSummary]:
        window = courses[page.offset : page.offset + page.page_size]
        return Page(items=[self.summary_of(c) for c in window], total=len(courses), request=page)

    def _instructor(self, course: Course) -> PersonRef:
        user: User = self._uow.users.rows[course.instructor_id]
        return PersonRef(id=user.id, full_name=user.full_name)

    def summary_of(self, course: Course) -> CourseSummary:
        lessons = [x for x in self._uow.lessons.rows.values() if x.course_id == course.id]
        return CourseSummary(
            id=course.id,
            title=course.title,
            slug=course.slug,
            subtitle=course.subtitle,
            category=course.category,
            level=course.level,
            language=course.language,
            price=course.price,
            thumbnail_url=course.thumbnail_url,
            status=course.status,
            published_at=course.published_at,
            created_at=course.created_at,
            updated_at=course.updated_at,
            rating_count=course.rating_count,
            rating_sum=course.rating_sum,
            enrollment_count=course.enrollment_count,
            instructor=self._instructor(course),
            lesson_count=len(lessons),
            total_duration_seconds=sum(lesson.duration_seconds for lesson in lessons),
        )


def _matches(course: Course, filters: CourseFilters) -> bool:
    text = f"{course.title} {course.subtitle} {course.description}".lower()
    checks = [
        filters.search is None or all(t in text for t in filters.search.lower().split()),
        filters.category is None or course.category == filters.category,
        filters.level is None or course.level is filters.level,
        filters.language is None or course.language == filters.language,
        filters.instructor_id is None or course.instructor_id == filters.instructor_id,
        filters.currency is None or course.price.currency == filters.currency,
        filters.min_price is None or course.price.amount_minor >= filters.min_price,
        filters.max_price is None or course.price.amount_minor <= filters.max_price,
        filters.is_free is None or course.is_free is filters.is_free,
    ]
    return all(checks)


def _rating(course: Course) -> float:
    return -1 if course.rating_avg is None else course.rating_avg


def _comes_after(key: Any, course_id: UUID, position: Position, descending: bool) -> bool:
    """After `position` in a numbered ordering: by key in its direction, ties by id ascending."""
    if key == position.key:
        return course_id > position.id
    return key < position.key if descending else key > position.key


_SORT_KEYS: dict[CourseOrdering, tuple[Any, bool]] = {
    CourseOrdering.PRICE: (lambda c: c.price.amount_minor, False),
    CourseOrdering.PRICE_DESC: (lambda c: c.price.amount_minor, True),
    CourseOrdering.CREATED_AT: (lambda c: c.created_at, False),
    CourseOrdering.CREATED_AT_DESC: (lambda c: c.created_at, True),
    CourseOrdering.RATING: (lambda c: 6 if c.rating_avg is None else c.rating_avg, False),
    CourseOrdering.RATING_DESC: (_rating, True),
    CourseOrdering.POPULARITY: (lambda c: c.enrollment_count, True),
}


class AcceptedCurrencyList:
    """AcceptedCurrencies over a fixed list of codes, as if gateways charging those were set up."""

    def __init__(self, *codes: str) -> None:
        self.codes = set(codes)

    def accepts(self, currency: str) -> bool:
        return currency in self.codes
