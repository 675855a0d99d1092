"""What finishing a course brings, shared by progress recording and the demo seed."""

from __future__ import annotations

from datetime import datetime

from skillwise.application.certificates.issuing import issue_certificate
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.enrollments import Enrollment
from skillwise.domain.notifications import Notification


def complete_enrollment(uow: UnitOfWork, enrollment: Enrollment, now: datetime) -> bool:
    """Complete the enrollment, issue its certificate and tell the student, all in the
    caller's transaction; True only the first time (completion is never revoked).

    Call with the enrollment loaded by `get_for_update`, so two requests finishing the last
    lessons at once complete it, and certify it, exactly once.
    """
    if not enrollment.complete(now):
        return False
    course = uow.courses.get(enrollment.course_id)
    assert course is not None, "enrollments keep their course"
    certificate = issue_certificate(uow, enrollment=enrollment, course=course, now=now)
    uow.notifications.add(
        Notification(
            user_id=enrollment.user_id,
            kind="course_completed",
            title=f"You completed {course.title}",
            data={"course_id": str(course.id), "certificate_code": certificate.code},
            created_at=now,
        )
    )
    return True
