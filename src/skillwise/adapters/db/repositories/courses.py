"""Courses table <-> Course entity (the outline is loaded by the catalog's own queries)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import courses
from skillwise.application.catalog.courses import CourseRepository
from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus
from skillwise.domain.catalog.slugs import SlugTaken
from skillwise.domain.money import Money


def course_from_row(row: Any) -> Course:
    return Course(
        id=row.id,
        instructor_id=row.instructor_id,
        title=row.title,
        slug=row.slug,
        subtitle=row.subtitle,
        description=row.description,
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
    )


def course_values(course: Course) -> dict[str, Any]:
    return {
        "instructor_id": course.instructor_id,
        "title": course.title,
        "slug": course.slug,
        "subtitle": course.subtitle,
        "description": course.description,
        "category": course.category,
        "level": course.level.value,
        "language": course.language,
        "price_minor": course.price.amount_minor,
        "currency": course.price.currency,
        "thumbnail_url": course.thumbnail_url,
        "status": course.status.value,
        "published_at": course.published_at,
        "created_at": course.created_at,
        "updated_at": course.updated_at,
        "rating_count": course.rating_count,
        "rating_sum": course.rating_sum,
        "enrollment_count": course.enrollment_count,
    }


class SqlCourseRepository(SqlRepository, implements=CourseRepository):
    def add(self, course: Course) -> None:
        written = insert_unless_exists(
            self._session, courses, {"id": course.id, **course_values(course)}, unique=("slug",)
        )
        if not written:
            raise SlugTaken(f"The slug {course.slug!r} is taken.")

    def get(self, course_id: UUID) -> Course | None:
        row = self._session.execute(select(courses).where(courses.c.id == course_id)).first()
        return course_from_row(row) if row else None

    def get_for_update(self, course_id: UUID) -> Course | None:
        """Load and lock the course row (counters and ratings change under it)."""
        query = select(courses).where(courses.c.id == course_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return course_from_row(row) if row else None

    def save(self, course: Course) -> None:
        self._session.execute(
            update(courses).where(courses.c.id == course.id).values(**course_values(course))
        )

    def add_many(self, many: Sequence[Course]) -> None:
        if many:
            self._session.execute(insert(courses), [{"id": c.id, **course_values(c)} for c in many])

    def slugs_starting_with(self, base: str) -> set[str]:
        pattern = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
        rows = self._session.execute(
            select(courses.c.slug).where(
                or_(courses.c.slug == base, courses.c.slug.like(pattern, escape="\\"))
            )
        )
        return {row.slug for row in rows}

    def delete(self, course_id: UUID) -> bool:
        """Modules, lessons and attachment records go by ON DELETE CASCADE; rows of other
        subjects that must outlive the course (enrollments, payments) make the database refuse,
        and the savepoint leaves the transaction usable for archiving instead."""
        try:
            with self._session.begin_nested():
                self._session.execute(delete(courses).where(courses.c.id == course_id))
        except IntegrityError:
            return False
        return True
