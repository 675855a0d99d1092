"""The certificates' read side: the student's name joined from their account."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.tables.certificates import certificates
from skillwise.adapters.db.tables.core import users
from skillwise.application.certificates.ports import CertificateView, CertifiedCourse
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.certificates import CertificateStatus

_VIEW = select(certificates, users.c.full_name.label("student_name")).join(
    users, users.c.id == certificates.c.user_id
)


def _view(row: Any) -> CertificateView:
    return CertificateView(
        id=row.id,
        code=row.code,
        course=CertifiedCourse(id=row.course_id, title=row.course_title),
        student_name=row.student_name,
        instructor_name=row.instructor_name,
        issued_at=row.issued_at,
        status=CertificateStatus(row.status),
        revoked_at=row.revoked_at,
    )


class SqlCertificateQueries:
    """Each call reads in a short session of its own: two statements a page, one a code."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def certificates_of(self, user_id: UUID, request: PageRequest) -> Page[CertificateView]:
        mine: ColumnElement[bool] = certificates.c.user_id == user_id
        with self._session_factory() as session:
            total = session.execute(
                select(func.count()).select_from(certificates).where(mine)
            ).scalar_one()
            rows = session.execute(
                _VIEW.where(mine)
                .order_by(certificates.c.issued_at.desc(), certificates.c.id.desc())
                .limit(request.page_size)
                .offset(request.offset)
            ).all()
        return Page(items=[_view(row) for row in rows], total=total, request=request)

    def by_code(self, code: str) -> CertificateView | None:
        with self._session_factory() as session:
            row = session.execute(_VIEW.where(certificates.c.code == code)).first()
        return _view(row) if row else None
