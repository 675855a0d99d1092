"""In-memory fakes of the certificates' ports (queries answered from a FakeUnitOfWork's rows)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from skillwise.application.certificates.ports import (
    CertificateRepository,
    CertificateView,
    CertifiedCourse,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.certificates import Certificate
from tests.fakes.base import FakeRepository


class FakeCertificateRepository(FakeRepository, implements=CertificateRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Certificate] = {}

    def add(self, certificate: Certificate) -> bool:
        taken = any(
            c.enrollment_id == certificate.enrollment_id or c.code == certificate.code
            for c in self.rows.values()
        )
        if not taken:
            self.rows[certificate.id] = certificate
        return not taken

    def get_for_enrollment(self, enrollment_id: UUID) -> Certificate | None:
        return next((c for c in self.rows.values() if c.enrollment_id == enrollment_id), None)

    def save(self, certificate: Certificate) -> None:
        self.rows[certificate.id] = certificate


class FakeCertificateQueries:
    def __init__(self, uow: Any) -> None:
        self._uow = uow

    def certificates_of(self, user_id: UUID, request: PageRequest) -> Page[CertificateView]:
        mine = sorted(
            (c for c in self._uow.certificates.rows.values() if c.user_id == user_id),
            key=lambda c: c.issued_at,
            reverse=True,
        )
        window = mine[request.offset : request.offset + request.page_size]
        return Page(items=[self._view(c) for c in window], total=len(mine), request=request)

    def by_code(self, code: str) -> CertificateView | None:
        found = next((c for c in self._uow.certificates.rows.values() if c.code == code), None)
        return self._view(found) if found else None

    def _view(self, certificate: Certificate) -> CertificateView:
        return CertificateView(
            id=certificate.id,
            code=certificate.code,
            course=CertifiedCourse(id=certificate.course_id, title=certificate.course_title),
            student_name=self._uow.users.rows[certificate.user_id].full_name,
            instructor_name=certificate.instructor_name,
            issued_at=certificate.issued_at,
            status=certificate.status,
            revoked_at=certificate.revoked_at,
        )


class RecordingCertificateRenderer:
    """Keeps what it was asked to draw and answers a token document."""

    def __init__(self) -> None:
        self.drawn: list[tuple[CertificateView, str]] = []

    def render_pdf(self, certificate: CertificateView, verification_url: str) -> bytes:
        self.drawn.append((certificate, verification_url))
        return b"%PDF-1.3 " + verification_url.encode()
