"""Read models of the learning subject, each in a fixed number of SQL statements."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import read_session
from skillwise.adapters.db.tables.core import courses, enrollments, lessons, users
from skillwise.adapters.db.tables.learning import lesson_progress, reviews
from skillwise.application.learning.ports import (
    EnrolledCourse,
    EnrollmentView,
    ProgressSummary,
    ReviewView,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.people import PersonRef
from skillwise.domain.enrollments import EnrollmentStatus, access_of


def _enrollment_views() -> Select[Any]:
    """Enrollments with course, instructor and progress counts in one statement."""
    total_lessons = (
        select(func.count())
        .select_from(lessons)
        .where(lessons.c.course_id == enrollments.c.course_id)
        .correlate(enrollments)
        .scalar_subquery()
    )
    completed_lessons = (
        select(func.count())
        .select_from(lesson_progress)
        .where(
            lesson_progress.c.enrollment_id == enrollments.c.id,
            lesson_progress.c.completed.is_(True),
        )
        .correlate(enrollments)
        .scalar_subquery()
    )
    return select(
        enrollments.c.id,
        enrollments.c.status,
        enrollments.c.started_at,
        enrollments.c.completed_at,
        enrollments.c.suspended_at,
        courses.c.id.label("course_id"),
        courses.c.title,
        courses.c.slug,
        courses.c.thumbnail_url,
        courses.c.instructor_id,
        users.c.full_name.label("instructor_name"),
        total_lessons.label("total_lessons"),
        completed_lessons.label("completed_lessons"),
    ).select_from(
        enrollments.join(courses, courses.c.id == enrollments.c.course_id).join(
            users, users.c.id == courses.c.instructor_id
        )
    )


def _enrollment_view(row: Any) -> EnrollmentView:
    status = EnrollmentStatus(row.status)
    access, suspension_reason = access_of(status, row.suspended_at)
    return EnrollmentView(
        id=row.id,
        course=EnrolledCourse(
            id=row.course_id,
            title=row.title,
            slug=row.slug,
            thumbnail_url=row.thumbnail_url,
            instructor=PersonRef(id=row.instructor_id, full_name=row.instructor_name),
        ),
        status=status,
        started_at=row.started_at,
        completed_at=row.completed_at,
        progress=ProgressSummary(
            completed_lessons=row.completed_lessons, total_lessons=row.total_lessons
        ),
        access=access,
        suspension_reason=suspension_reason,
    )


def _review_view(row: Any) -> ReviewView:
    return ReviewView(
        id=row.id,
        course_id=row.course_id,
        rating=row.rating,
        comment=row.comment,
        created_at=row.created_at,
        updated_at=row.updated_at,
        author=PersonRef(id=row.user_id, full_name=row.author_name),
    )


class SqlLearningQueries:
    """Each call reads in a short session of its own."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def enrollments_of(self, user_id: UUID, request: PageRequest) -> Page[EnrollmentView]:
        with read_session(self._session_factory) as session:
            total = session.execute(
                select(func.count())
                .select_from(enrollments)
                .where(enrollments.c.user_id == user_id)
            ).scalar_one()
            rows = session.execute(
                _enrollment_views()
                .where(enrollments.c.user_id == user_id)
                .order_by(enrollments.c.started_at.desc(), enrollments.c.id)
                .limit(request.page_size)
                .offset(request.offset)
            ).all()
        return Page(items=[_enrollment_view(row) for row in rows], total=total, request=request)

    def enrollment_of(self, user_id: UUID, enrollment_id: UUID) -> EnrollmentView | None:
        with read_session(self._session_factory) as session:
            row = session.execute(
                _enrollment_views().where(
                    enrollments.c.id == enrollment_id, enrollments.c.user_id == user_id
                )
            ).first()
        return _enrollment_view(row) if row else None

    def course_reviews(self, course_id: UUID, request: PageRequest) -> Page[ReviewView]:
        with read_session(self._session_factory) as session:
            total = session.execute(
                select(func.count()).select_from(reviews).where(reviews.c.course_id == course_id)
            ).scalar_one()
            rows = session.execute(
                select(reviews, users.c.full_name.label("author_name"))
                .join(users, users.c.id == reviews.c.user_id)
                .where(reviews.c.course_id == course_id)
                .order_by(reviews.c.created_at.desc(), reviews.c.id.desc())
                .limit(request.page_size)
                .offset(request.offset)
            ).all()
        return Page(items=[_review_view(row) for row in rows], total=total, request=request)
