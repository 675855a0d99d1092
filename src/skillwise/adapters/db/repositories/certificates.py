"""Certificates table <-> Certificate entity."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.certificates import certificates
from skillwise.application.certificates.ports import CertificateRepository
from skillwise.domain.certificates import Certificate, CertificateStatus


def _certificate_from_row(row: Any) -> Certificate:
    return Certificate(
        id=row.id,
        code=row.code,
        enrollment_id=row.enrollment_id,
        user_id=row.user_id,
        course_id=row.course_id,
        course_title=row.course_title,
        instructor_name=row.instructor_name,
        status=CertificateStatus(row.status),
        issued_at=row.issued_at,
        revoked_at=row.revoked_at,
    )


class SqlCertificateRepository(SqlRepository, implements=CertificateRepository):
    def add(self, certificate: Certificate) -> bool:
        return insert_unless_exists(
            self._session,
            certificates,
            {
                "id": certificate.id,
                "code": certificate.code,
                "enrollment_id": certificate.enrollment_id,
                "user_id": certificate.user_id,
                "course_id": certificate.course_id,
                "course_title": certificate.course_title,
                "instructor_name": certificate.instructor_name,
                "status": certificate.status.value,
                "issued_at": certificate.issued_at,
                "revoked_at": certificate.revoked_at,
            },
            unique=("enrollment_id",),
        )

    def get_for_enrollment(self, enrollment_id: UUID) -> Certificate | None:
        row = self._session.execute(
            select(certificates).where(certificates.c.enrollment_id == enrollment_id)
        ).first()
        return _certificate_from_row(row) if row else None

    def save(self, certificate: Certificate) -> None:
        self._session.execute(
            update(certificates)
            .where(certificates.c.id == certificate.id)
            .values(status=certificate.status.value, revoked_at=certificate.revoked_at)
        )
