"""Ports of the certificates subject: the repository, the read side and the PDF renderer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.certificates import Certificate, CertificateStatus


class CertificateRepository(Protocol):
    def add(self, certificate: Certificate) -> bool:
        """Insert unless the enrollment already has a certificate or the code is taken;
        returns whether the row was written."""
        ...

    def get_for_enrollment(self, enrollment_id: UUID) -> Certificate | None: ...

    def save(self, certificate: Certificate) -> None: ...


# --- read side ---


@dataclass(frozen=True, slots=True)
class CertifiedCourse:
    id: UUID
    title: str


@dataclass(frozen=True, slots=True)
class CertificateView:
    """What a certificate shows anyone holding its code: no email, nothing else personal."""

    id: UUID
    code: str
    course: CertifiedCourse
    student_name: str
    instructor_name: str
    issued_at: datetime
    status: CertificateStatus
    revoked_at: datetime | None


class CertificateQueries(Protocol):
    def certificates_of(self, user_id: UUID, request: PageRequest) -> Page[CertificateView]:
        """The user's certificates, newest first."""
        ...

    def by_code(self, code: str) -> CertificateView | None: ...


class CertificateRenderer(Protocol):
    """Draws the one-page certificate a student prints or shares."""

    def render_pdf(self, certificate: CertificateView, verification_url: str) -> bytes: ...
