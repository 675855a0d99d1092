"""Enrollments table <-> Enrollment entity."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import enrollments
from skillwise.application.learning.enrollments import EnrollmentRepository
from skillwise.domain.enrollments import DuplicateEnrollment, Enrollment, EnrollmentStatus


def enrollment_from_row(row: Any) -> Enrollment:
    return Enrollment(
        id=row.id,
        user_id=row.user_id,
        course_id=row.course_id,
        status=EnrollmentStatus(row.status),
        started_at=row.started_at,
        completed_at=row.completed_at,
        updated_at=row.updated_at,
        suspended_at=row.suspended_at,
    )


def _values(enrollment: Enrollment) -> dict[str, Any]:
    return {
        "user_id": enrollment.user_id,
        "course_id": enrollment.course_id,
        "status": enrollment.status.value,
        "started_at": enrollment.started_at,
        "completed_at": enrollment.completed_at,
        "updated_at": enrollment.updated_at,
        "suspended_at": enrollment.suspended_at,
    }


class SqlEnrollmentRepository(SqlRepository, implements=EnrollmentRepository):
    def add(self, enrollment: Enrollment) -> None:
        written = insert_unless_exists(
            self._session,
            enrollments,
            {"id": enrollment.id, **_values(enrollment)},
            unique=("user_id", "course_id"),
        )
        if not written:
            raise DuplicateEnrollment()

    def get(self, enrollment_id: UUID) -> Enrollment | None:
        row = self._session.execute(
            select(enrollments).where(enrollments.c.id == enrollment_id)
        ).first()
        return enrollment_from_row(row) if row else None

    def get_for_update(self, enrollment_id: UUID) -> Enrollment | None:
        query = select(enrollments).where(enrollments.c.id == enrollment_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return enrollment_from_row(row) if row else None

    def get_for(self, user_id: UUID, course_id: UUID) -> Enrollment | None:
        row = self._session.execute(
            select(enrollments).where(
                enrollments.c.user_id == user_id, enrollments.c.course_id == course_id
            )
        ).first()
        return enrollment_from_row(row) if row else None

    def save(self, enrollment: Enrollment) -> None:
        self._session.execute(
            update(enrollments)
            .where(enrollments.c.id == enrollment.id)
            .values(**_values(enrollment))
        )

    def student_ids_of(self, course_id: UUID) -> list[UUID]:
        rows = self._session.execute(
            select(enrollments.c.user_id)
            .where(
                enrollments.c.course_id == course_id,
                enrollments.c.status != EnrollmentStatus.REFUNDED.value,
            )
            .order_by(enrollments.c.started_at, enrollments.c.user_id)
        )
        return [row.user_id for row in rows]
