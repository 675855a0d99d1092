"""ResolveReport: an admin closes a report as resolved or dismissed."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import ReportNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.reports import Report, ReportStatus
from skillwise.domain.notifications import Notification


class ResolveReport:
    """A report is decided once; the reporter is told the outcome by a notification."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self, actor: Actor, report_id: UUID, *, status: ReportStatus, resolution_note: str = ""
    ) -> Report:
        actor.ensure_is_admin("decide reports")
        now = self._clock.now()
        with self._uow as uow:
            report = uow.reports.get_for_update(report_id)
            if report is None:
                raise ReportNotFound()
            report.close(status, note=resolution_note, by=actor.user_id, now=now)
            uow.reports.save(report)
            uow.notifications.add(
                Notification(
                    user_id=report.reporter_id,
                    kind="report_closed",
                    title=f"Your report was {report.status.value}",
                    body=report.resolution_note,
                    data={"report_id": str(report.id), "status": report.status.value},
                    created_at=now,
                )
            )
            uow.commit()
        return report
