"""ListReports: the admins' queue of content reports."""

from __future__ import annotations

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.learning.reports import Report, ReportStatus, ReportTargetType


class ListReports:
    """Newest first, optionally by status and target type; admins only."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(
        self,
        actor: Actor,
        request: PageRequest,
        *,
        status: ReportStatus | None = None,
        target_type: ReportTargetType | None = None,
    ) -> Page[Report]:
        actor.ensure_is_admin("read reports")
        with self._uow as uow:
            return uow.reports.page(request, status=status, target_type=target_type)
