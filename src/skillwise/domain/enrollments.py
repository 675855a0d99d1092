"""A student's place in a course."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4


class EnrollmentStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    REFUNDED = "refunded"


@dataclass(eq=False)
class Enrollment:
    user_id: UUID
    course_id: UUID
    started_at: datetime
    updated_at: datetime
    status: EnrollmentStatus = EnrollmentStatus.ACTIVE
    completed_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def grants_access(self) -> bool:
        return self.status is not EnrollmentStatus.REFUNDED
