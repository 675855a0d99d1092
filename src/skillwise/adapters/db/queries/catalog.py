"""The catalog's read side, each answer in a fixed number of SQL statements.

A page of courses is at most two statements whatever its size: the count (skipped when the
caller already knows it) and the page itself joined to the instructors, with the lesson totals
the courses keep. A keyset page is one statement and counts nothing (catalog_keyset.py). Each
ordering reads an index that matches it (tables/catalog.py). A course detail is three: the
course with its instructor, its modules, its lessons.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    Double,
    Select,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import read_session
from skillwise.adapters.db.queries.catalog_keyset import keyset_page
from skillwise.adapters.db.queries.course_rows import (
    SUMMARY_COLUMNS,
    filter_conditions,
    summary_of_row,
)
from skillwise.adapters.db.queries.search import text_contains_every_term
from skillwise.adapters.db.repositories.courses import course_from_row
from skillwise.adapters.db.tables.catalog import (
    RATING_ASCENDING_RANK_SQL,
    RATING_RANK_SQL,
    SEARCH_DOCUMENT_COLUMN,
)
from skillwise.adapters.db.tables.core import courses, lessons, modules, users
from skillwise.application.catalog.ports import CourseFilters, CourseOrdering
from skillwise.application.catalog.views import (
    CourseDetail,
    CourseSummary,
    LessonHeading,
    ModuleOutline,
)
from skillwise.application.shared.pagination import (
    KeysetPage,
    KeysetRequest,
    Page,
    PageRequest,
    Position,
)
from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.course import CourseStatus

_search_document = literal_column(SEARCH_DOCUMENT_COLUMN)
_english = literal_column("'english'::regconfig")
_rating_rank = literal_column(RATING_RANK_SQL)
_rating_ascending_rank = literal_column(RATING_ASCENDING_RANK_SQL)

# Each ordering's sort key and whether it runs from the highest down.
KeyAndDirection = tuple[ColumnElement[Any], bool]
_SORT_KEYS: dict[CourseOrdering, KeyAndDirection] = {
    CourseOrdering.PRICE: (courses.c.price_minor, False),
    CourseOrdering.PRICE_DESC: (courses.c.price_minor, True),
    CourseOrdering.CREATED_AT: (courses.c.created_at, False),
    CourseOrdering.CREATED_AT_DESC: (courses.c.created_at, True),
    CourseOrdering.RATING: (_rating_ascending_rank, False),
    CourseOrdering.RATING_DESC: (_rating_rank, True),
    CourseOrdering.POPULARITY: (courses.c.enrollment_count, True),
}


class SqlCourseQueries:
    """Each call reads in a short session of its own."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def published_courses(
        self,
        filters: CourseFilters,
        ordering: CourseOrdering | None,
        page: PageRequest,
        known_total: int | None = None,
        start_after: Position | None = None,
    ) -> Page[CourseSummary]:
        return self._browse(
            filters, ordering, page, CourseStatus.PUBLISHED, known_total, start_after
        )

    def all_courses(
        self,
        filters: CourseFilters,
        status: CourseStatus | None,
        ordering: CourseOrdering | None,
        page: PageRequest,
    ) -> Page[CourseSummary]:
        return self._browse(filters, ordering, page, status)

    def published_courses_after(
        self, filters: CourseFilters, ordering: CourseOrdering | None, keyset: KeysetRequest
    ) -> KeysetPage[CourseSummary]:
        with read_session(self._session_factory) as session:
            conditions, (key, descending) = _matching(
                session, filters, ordering, CourseStatus.PUBLISHED
            )
            return keyset_page(session, conditions, key, descending, keyset)

    def _browse(
        self,
        filters: CourseFilters,
        ordering: CourseOrdering | None,
        page: PageRequest,
        status: CourseStatus | None,
        known_total: int | None = None,
        start_after: Position | None = None,
    ) -> Page[CourseSummary]:
        with read_session(self._session_factory) as session:
            conditions, (key, descending) = _matching(session, filters, ordering, status)
            return _page(session, conditions, (key, descending), page, known_total, start_after)

    def courses_taught_by(self, instructor_id: UUID, page: PageRequest) -> Page[CourseSummary]:
        with read_session(self._session_factory) as session:
            return _page(
                session,
                [courses.c.instructor_id == instructor_id],
                (courses.c.created_at, True),
                page,
            )

    def course_detail(self, course_id: UUID) -> CourseDetail | None:
        with read_session(self._session_factory) as session:
            row = session.execute(
                select(courses, users.c.full_name.label("instructor_name"))
                .join(users, users.c.id == courses.c.instructor_id)
                .where(courses.c.id == course_id)
            ).first()
            if row is None:
                return None
            module_rows = session.execute(
                select(modules.c.id, modules.c.title, modules.c.position)
                .where(modules.c.course_id == course_id)
                .order_by(modules.c.position, modules.c.id)
            ).all()
            lesson_rows = session.execute(
                select(
                    lessons.c.id,
                    lessons.c.module_id,
                    lessons.c.title,
                    lessons.c.position,
                    lessons.c.duration_seconds,
                    lessons.c.is_preview,
                )
                .where(lessons.c.course_id == course_id)
                .order_by(lessons.c.position, lessons.c.id)
            ).all()
        headings: dict[UUID, list[LessonHeading]] = defaultdict(list)
        for lesson in lesson_rows:
            headings[lesson.module_id].append(
                LessonHeading(
                    id=lesson.id,
                    module_id=lesson.module_id,
                    title=lesson.title,
                    position=lesson.position,
                    duration_seconds=lesson.duration_seconds,
                    is_preview=lesson.is_preview,
                )
            )
        outline = tuple(
            ModuleOutline(
                id=module.id,
                course_id=course_id,
                title=module.title,
                position=module.position,
                lessons=tuple(headings[module.id]),
            )
            for module in module_rows
        )
        return CourseDetail(
            course=course_from_row(row),
            instructor=PersonRef(id=row.instructor_id, full_name=row.instructor_name),
            modules=outline,
        )


def _matching(
    session: Session,
    filters: CourseFilters,
    ordering: CourseOrdering | None,
    status: CourseStatus | None,
) -> tuple[list[ColumnElement[bool]], KeyAndDirection]:
    """The conditions the filters make, and the sort key: the ordering's, or the search's
    relevance on PostgreSQL when no ordering is asked for."""
    conditions = [] if status is None else [courses.c.status == status.value]
    conditions += filter_conditions(filters)
    sort_key = _SORT_KEYS[ordering or CourseOrdering.CREATED_AT_DESC]
    if filters.search and filters.search.strip():
        if session.get_bind().dialect.name == "postgresql":
            query = func.websearch_to_tsquery(_english, filters.search)
            conditions.append(_search_document.op("@@")(query))
            if ordering is None:
                # As a double: a real read back as text is rounded to fewer digits than a
                # double holds, so a keyset cursor could never meet its own row again.
                relevance = cast(func.ts_rank(_search_document, query), Double)
                sort_key = (relevance, True)
        else:
            conditions.append(text_contains_every_term(filters.search))
    return conditions, sort_key


def _page(
    session: Session,
    conditions: list[ColumnElement[bool]],
    sort: KeyAndDirection,
    page: PageRequest,
    known_total: int | None = None,
    start_after: Position | None = None,
) -> Page[CourseSummary]:
    total = known_total
    if total is None:
        total = session.execute(
            select(func.count()).select_from(courses).where(*conditions)
        ).scalar_one()
    key, descending = sort
    order_by = (key.desc() if descending else key.asc(), courses.c.id)
    if start_after is None:
        query = _past_the_offset(conditions, key, order_by, page)
    else:
        query = _right_after(conditions, sort, order_by, start_after, page.page_size)
    rows = session.execute(query).all()
    end = Position(key=rows[-1].sort_key, id=rows[-1].id) if rows else None
    return Page(items=[summary_of_row(row) for row in rows], total=total, request=page, end=end)


def _past_the_offset(
    conditions: list[ColumnElement[bool]],
    key: ColumnElement[Any],
    order_by: tuple[ColumnElement[Any], ...],
    page: PageRequest,
) -> Select[Any]:
    # The offset is walked over the ordering's index alone (an index-only scan), and only the
    # page's own rows are read and joined: reading every skipped row made deep pages slow.
    window = (
        select(courses.c.id)
        .where(*conditions)
        .order_by(*order_by)
        .limit(page.page_size)
        .offset(page.offset)
        .subquery("window")
    )
    return (
        select(*SUMMARY_COLUMNS, key.label("sort_key"))
        .select_from(window)
        .join(courses, courses.c.id == window.c.id)
        .join(users, users.c.id == courses.c.instructor_id)
        .order_by(*order_by)
    )


def _right_after(
    conditions: list[ColumnElement[bool]],
    sort: KeyAndDirection,
    order_by: tuple[ColumnElement[Any], ...],
    after: Position,
    page_size: int,
) -> Select[Any]:
    """The page's rows read from where the page before ended. Ties run by ascending id
    whichever way the key runs, so no single row-value comparison says "after"; the key's
    own bound comes first, as the condition an index scan starts from."""
    key, descending = sort
    after_key = bindparam("after_key", after.key, type_=key.type)
    after_id = bindparam("after_id", after.id, type_=courses.c.id.type)
    return (
        select(*SUMMARY_COLUMNS, key.label("sort_key"))
        .join(users, users.c.id == courses.c.instructor_id)
        .where(
            *conditions,
            key <= after_key if descending else key >= after_key,
            or_(key != after_key, courses.c.id > after_id),
        )
        .order_by(*order_by)
        .limit(page_size)
    )


def course_summaries(session: Session, course_ids: list[UUID]) -> dict[UUID, CourseSummary]:
    """Summaries of the given courses, whatever their status, with their instructors, in one
    statement. For lists other subjects keep of courses."""
    if not course_ids:
        return {}
    rows = session.execute(
        select(*SUMMARY_COLUMNS)
        .join(users, users.c.id == courses.c.instructor_id)
        .where(courses.c.id.in_(course_ids))
    ).all()
    return {row.id: summary_of_row(row) for row in rows}
