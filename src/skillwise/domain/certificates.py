"""Certificates of completion, checked by anyone through a public verification code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.errors import NotFound

# 12 random bytes: 96 bits, far beyond guessing, in 16 URL-safe characters.
CODE_BYTES = 12
MAX_CODE_LENGTH = 32


def new_verification_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


class CertificateStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"


class CertificateNotFound(NotFound):
    """No certificate with this code."""

    code = "certificate_not_found"


@dataclass(eq=False)
class Certificate:
    """One per enrollment. The course's title and teacher are kept as they were when the
    course was completed; the student's name is always read from the account, so a corrected
    or anonymised name shows on the certificate too."""

    enrollment_id: UUID
    user_id: UUID
    course_id: UUID
    course_title: str
    instructor_name: str
    issued_at: datetime
    code: str = field(default_factory=new_verification_code)
    status: CertificateStatus = CertificateStatus.VALID
    revoked_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def is_valid(self) -> bool:
        return self.status is CertificateStatus.VALID

    def revoke(self, now: datetime) -> bool:
        """True if this changed anything (a refund may be reported more than once)."""
        if not self.is_valid:
            return False
        self.status = CertificateStatus.REVOKED
        self.revoked_at = now
        return True

    def reinstate(self) -> bool:
        """Valid again, under the same code, when the course is completed again after the
        refund that revoked it; True if this changed anything."""
        if self.is_valid:
            return False
        self.status = CertificateStatus.VALID
        self.revoked_at = None
        return True
