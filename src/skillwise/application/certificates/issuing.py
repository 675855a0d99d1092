"""Issuing a certificate when an enrollment completes, and revoking it when access ends.

Both run inside the caller's transaction: the completion (RecordProgress) and the end of
access (`revoke_enrollment`, which every refund path goes through) change the certificate in
the same commit as the enrollment.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.certificates import Certificate
from skillwise.domain.enrollments import Enrollment

# A fresh 96-bit code colliding even once is beyond unlikely; a few tries end the loop anyway.
CODE_ATTEMPTS = 3


def issue_certificate(
    uow: UnitOfWork, *, enrollment: Enrollment, course: Course, now: datetime
) -> Certificate:
    """The enrollment's certificate: issued the first time, made valid again when a course
    completed after a refund is completed once more. Call with the enrollment row locked."""
    existing = uow.certificates.get_for_enrollment(enrollment.id)
    if existing is not None:
        if existing.reinstate():
            uow.certificates.save(existing)
        return existing
    instructor = uow.users.get(course.instructor_id)
    for _ in range(CODE_ATTEMPTS):
        certificate = Certificate(
            enrollment_id=enrollment.id,
            user_id=enrollment.user_id,
            course_id=course.id,
            course_title=course.title,
            instructor_name=instructor.full_name if instructor else "",
            issued_at=now,
        )
        if uow.certificates.add(certificate):
            return certificate
        existing = uow.certificates.get_for_enrollment(enrollment.id)
        if existing is not None:
            return existing
    raise RuntimeError("no free certificate code after several attempts")


def revoke_certificate(uow: UnitOfWork, *, enrollment_id: UUID, now: datetime) -> bool:
    """Revoke the enrollment's certificate, if it has one; returns whether anything changed."""
    certificate = uow.certificates.get_for_enrollment(enrollment_id)
    if certificate is None or not certificate.revoke(now):
        return False
    uow.certificates.save(certificate)
    return True
