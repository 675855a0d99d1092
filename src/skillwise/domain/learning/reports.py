"""Reports of courses, reviews or users to the admins, and the admins' decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.errors import Conflict, DomainValidationError

MAX_REASON_LENGTH = 1000
MAX_RESOLUTION_NOTE_LENGTH = 2000


class ReportTargetType(StrEnum):
    COURSE = "course"
    REVIEW = "review"
    USER = "user"


class ReportStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class DuplicateReport(Conflict):
    """This user already has an open report about this content."""

    code = "already_reported"


@dataclass(eq=False)
class Report:
    reporter_id: UUID
    target_type: ReportTargetType
    target_id: UUID
    reason: str
    created_at: datetime
    status: ReportStatus = ReportStatus.OPEN
    resolved_at: datetime | None = None
    resolved_by: UUID | None = None
    resolution_note: str = ""
    id: UUID = field(default_factory=uuid4)

    @classmethod
    def file(
        cls,
        *,
        reporter_id: UUID,
        target_type: ReportTargetType,
        target_id: UUID,
        reason: str,
        now: datetime,
    ) -> Report:
        reason = reason.strip()
        if not 1 <= len(reason) <= MAX_REASON_LENGTH:
            raise DomainValidationError(
                f"reason is between 1 and {MAX_REASON_LENGTH} characters.",
                code="invalid_reason",
            )
        return cls(
            reporter_id=reporter_id,
            target_type=target_type,
            target_id=target_id,
            reason=reason,
            created_at=now,
        )

    @property
    def is_open(self) -> bool:
        return self.status is ReportStatus.OPEN

    def close(self, status: ReportStatus, *, note: str, by: UUID, now: datetime) -> None:
        """An admin's decision; a report is decided once."""
        if status is ReportStatus.OPEN:
            raise DomainValidationError(
                "A report is closed as resolved or dismissed.", code="invalid_status"
            )
        if not self.is_open:
            raise Conflict(f"This report is already {self.status.value}.", code="report_closed")
        note = note.strip()
        if len(note) > MAX_RESOLUTION_NOTE_LENGTH:
            raise DomainValidationError(
                f"resolution_note is at most {MAX_RESOLUTION_NOTE_LENGTH} characters.",
                code="invalid_resolution_note",
            )
        self.status = status
        self.resolution_note = note
        self.resolved_by = by
        self.resolved_at = now
