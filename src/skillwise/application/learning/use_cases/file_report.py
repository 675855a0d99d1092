"""FileReport: a signed-in user flags a course, a review or a user for the admins."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.reports import DuplicateReport, Report, ReportTargetType
from skillwise.domain.notifications import Notification


class FileReport:
    """One open report per reporter and target; the reporter gets a `report_filed` receipt.

    The database backs the rule with a unique index over open reports, so two simultaneous
    reports of the same thing by the same user still leave one.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self, actor: Actor, *, target_type: ReportTargetType, target_id: UUID, reason: str
    ) -> Report:
        now = self._clock.now()
        report = Report.file(
            reporter_id=actor.user_id,
            target_type=target_type,
            target_id=target_id,
            reason=reason,
            now=now,
        )
        with self._uow as uow:
            if not _target_exists(uow, actor, target_type, target_id):
                raise NotFound(f"No such {target_type.value} to report.", code="target_not_found")
            if uow.reports.open_report_by(actor.user_id, target_type, target_id) is not None:
                raise DuplicateReport("You already reported this; the admins are looking at it.")
            uow.reports.add(report)
            uow.notifications.add(
                Notification(
                    user_id=actor.user_id,
                    kind="report_filed",
                    title=f"We received your report about a {target_type.value}",
                    data={
                        "report_id": str(report.id),
                        "target_type": target_type.value,
                        "target_id": str(target_id),
                    },
                    created_at=now,
                )
            )
            uow.commit()
        return report


def _target_exists(
    uow: UnitOfWork, actor: Actor, target_type: ReportTargetType, target_id: UUID
) -> bool:
    if target_type is ReportTargetType.COURSE:
        course = uow.courses.get(target_id)
        return course is not None and course.is_visible_to(actor)
    if target_type is ReportTargetType.REVIEW:
        return uow.reviews.get(target_id) is not None
    user = uow.users.get(target_id)
    return user is not None and user.is_active
