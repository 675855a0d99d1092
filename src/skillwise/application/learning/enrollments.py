"""Persistence of enrollments."""

from typing import Protocol
from uuid import UUID

from skillwise.domain.enrollments import Enrollment


class EnrollmentRepository(Protocol):
    def add(self, enrollment: Enrollment) -> None:
        """Insert; a second enrollment of one user in one course raises DuplicateEnrollment."""
        ...

    def get(self, enrollment_id: UUID) -> Enrollment | None: ...

    def get_for_update(self, enrollment_id: UUID) -> Enrollment | None:
        """Load and lock the enrollment so concurrent progress writes decide completion once."""
        ...

    def get_for(self, user_id: UUID, course_id: UUID) -> Enrollment | None: ...

    def save(self, enrollment: Enrollment) -> None: ...

    def student_ids_of(self, course_id: UUID) -> list[UUID]:
        """The users enrolled in the course now (active or completed, not refunded)."""
        ...
