"""A course summary as lists read it: its columns, the row it becomes, and the catalog's
filters as conditions, shared by page-number and keyset pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from skillwise.adapters.db.tables.core import courses, users
from skillwise.application.catalog.ports import CourseFilters
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.money import Money

SUMMARY_COLUMNS = (
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


def summary_of_row(row: Any) -> CourseSummary:
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


def filter_conditions(filters: CourseFilters) -> list[ColumnElement[bool]]:
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
