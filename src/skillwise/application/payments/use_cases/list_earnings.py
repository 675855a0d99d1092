"""ListEarnings: the caller's ledger of sales and refunds, with totals per currency."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.earnings import EarningEntry, EarningTotals
from skillwise.domain.identity import Actor


@dataclass(frozen=True, slots=True)
class EarningsStatement:
    entries: Page[EarningEntry]
    totals: list[EarningTotals]


class ListEarnings:
    """Totals cover the whole ledger, not only the page shown."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, page: PageRequest) -> EarningsStatement:
        with self._uow as uow:
            return EarningsStatement(
                entries=uow.earnings.for_instructor(actor.user_id, page),
                totals=uow.earnings.totals_for(actor.user_id),
            )
