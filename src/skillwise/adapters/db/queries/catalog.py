"""The catalog's read side, each answer in a fixed number of SQL statements.

A page of courses is at most two statements whatever its size: the count (skipped when the
caller already knows it) and the page itself joined to the instructors, with the lesson totals
the courses keep. Each ordering reads an index that matches it (tables/catalog.py). A course
detail is three: the course with its instructor, its modules, its lessons.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import read_session
from skillwise.adapters.db.queries.search import text_contains_every_term
from skillwise.adapters.db.repositories.courses import course_from_row
from skillwise.adapters.db.tables.catalog import (
    RATING_ASCENDING_RANK_SQL,
    RATING_RANK_SQL,
    SEARCH_DOCUMENT_SQL,
)
from skillwise.adapters.db.tables.core import courses, lessons, modules, users
from skillwise.application.catalog.ports import CourseFilters, CourseOrdering
from skillwise.application.catalog.views import (
    CourseDetail,
    CourseSummary,
    LessonHeading,
    ModuleOutline,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.money import Money

_search_document = literal_column(f"({SEARCH_DOCUMENT_SQL})")
_english = literal_column("'english'::regconfig")
_rating_rank = literal_column(RATING_RANK_SQL)
_rating_ascending_rank = literal_column(RATING_ASCENDING_RANK_SQL)

_ORDER_BY: dict[CourseOrdering, tuple[ColumnElement[Any], ...]] = {
    CourseOrdering.PRICE: (courses.c.price_minor.asc(),),
    CourseOrdering.PRICE_DESC: (courses.c.price_minor.desc(),),
    CourseOrdering.CREATED_AT: (courses.c.created_at.asc(),),
    CourseOrdering.CREATED_AT_DESC: (courses.c.created_at.desc(),),
    CourseOrdering.RATING: (_rating_ascending_rank.asc(),),
    CourseOrdering.RATING_DESC: (_rating_rank.desc(),),
    CourseOrdering.POPULARITY: (courses.c.enrollment_count.desc(),),
}

_SUMMARY_COLUMNS = (
    courses.c.id,
    courses.c.title,
    courses.c.slug,
    courses.c.subtitle,
    courses.c.category,
    courses.c.level,
    courses.c.language,
    courses.c.price_minor,
    courses.c.currency,
    courses.c.thumbnail_url,
    courses.c.status,
    courses.c.published_at,
    courses.c.created_at,
    courses.c.updated_at,
    courses.c.rating_count,
    courses.c.rating_sum,
    courses.c.enrollment_count,
    courses.c.lesson_count,
    courses.c.total_duration_seconds,
    courses.c.instructor_id,
    users.c.full_name.label("instructor_name"),
)


def _summary(row: Any) -> CourseSummary:
    return CourseSummary(
        id=row.id,
        title=row.title,
        slug=row.slug,
        subtitle=row.subtitle,
        category=row.category,
        level=CourseLevel(row.level),
        language=row.language,
        price=Money(row.price_minor, row.currency),
        thumbnail_url=row.thumbnail_url,
        status=CourseStatus(row.status),
        published_at=row.published_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        rating_count=row.rating_count,
        rating_sum=row.rating_sum,
        enrollment_count=row.enrollment_count,
        instructor=PersonRef(id=row.instructor_id, full_name=row.instructor_name),
        lesson_count=row.lesson_count,
        total_duration_seconds=row.total_duration_seconds,
    )


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
    ) -> Page[CourseSummary]:
        return self._browse(filters, ordering, page, CourseStatus.PUBLISHED, known_total)

    def all_courses(
        self,
        filters: CourseFilters,
        status: CourseStatus | None,
        ordering: CourseOrdering | None,
        page: PageRequest,
    ) -> Page[CourseSummary]:
        return self._browse(filters, ordering, page, status)

    def _browse(
        self,
        filters: CourseFilters,
        ordering: CourseOrdering | None,
        page: PageRequest,
        status: CourseStatus | None,
        known_total: int | None = None,
    ) -> Page[CourseSummary]:
        with read_session(self._session_factory) as session:
            on_postgres = session.get_bind().dialect.name == "postgresql"
            conditions = [] if status is None else [courses.c.status == status.value]
            conditions += _filter_conditions(filters)
            order_by: tuple[ColumnElement[Any], ...] = _ORDER_BY[
                ordering or CourseOrdering.CREATED_AT_DESC
            ]
            if filters.search and filters.search.strip():
                if on_postgres:
                    query = func.websearch_to_tsquery(_english, filters.search)
                    conditions.append(_search_document.op("@@")(query))
                    if ordering is None:
                        order_by = (func.ts_rank(_search_document, query).desc(),)
                else:
                    conditions.append(text_contains_every_term(filters.search))
            return _page(session, conditions, order_by, page, known_total)

    def courses_taught_by(self, instructor_id: UUID, page: PageRequest) -> Page[CourseSummary]:
        with read_session(self._session_factory) as session:
            return _page(
                session,
                [courses.c.instructor_id == instructor_id],
                (courses.c.created_at.desc(),),
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


def _filter_conditions(filters: CourseFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.category is not None:
        conditions.append(courses.c.category == filters.category)
    if filters.level is not None:
        conditions.append(courses.c.level == filters.level.value)
    if filters.language is not None:
        conditions.append(courses.c.language == filters.language)
    if filters.instructor_id is not None:
        conditions.append(courses.c.instructor_id == filters.instructor_id)
    if filters.currency is not None:
        conditions.append(courses.c.currency == filters.currency)
    if filters.min_price is not None:
        conditions.append(courses.c.price_minor >= filters.min_price)
    if filters.max_price is not None:
        conditions.append(courses.c.price_minor <= filters.max_price)
    if filters.is_free is True:
        conditions.append(courses.c.price_minor == 0)
    elif filters.is_free is False:
        conditions.append(courses.c.price_minor > 0)
    return conditions


def _page(
    session: Session,
    conditions: list[ColumnElement[bool]],
    order_by: tuple[ColumnElement[Any], ...],
    page: PageRequest,
    known_total: int | None = None,
) -> Page[CourseSummary]:
    total = known_total
    if total is None:
        total = session.execute(
            select(func.count()).select_from(courses).where(*conditions)
        ).scalar_one()
    # The offset is walked over the ordering's index alone (an index-only scan), and only the
    # page's own rows are read and joined: reading every skipped row made deep pages slow.
    window = (
        select(courses.c.id)
        .where(*conditions)
        .order_by(*order_by, courses.c.id)
        .limit(page.page_size)
        .offset(page.offset)
        .subquery("window")
    )
    query: Select[Any] = (
        select(*_SUMMARY_COLUMNS)
        .select_from(window)
        .join(courses, courses.c.id == window.c.id)
        .join(users, users.c.id == courses.c.instructor_id)
        .order_by(*order_by, courses.c.id)
    )
    rows = session.execute(query).all()
    return Page(items=[_summary(row) for row in rows], total=total, request=page)


def course_summaries(session: Session, course_ids: list[UUID]) -> dict[UUID, CourseSummary]:
    """Summaries of the given courses, whatever their status, with their instructors, in one
    statement. For lists other subjects keep of courses."""
    if not course_ids:
        return {}
    rows = session.execute(
        select(*_SUMMARY_COLUMNS)
        .join(users, users.c.id == courses.c.instructor_id)
        .where(courses.c.id.in_(course_ids))
    ).all()
    return {row.id: _summary(row) for row in rows}
