"""ListPaymentHistory: the caller's own payments, newest first."""

from __future__ import annotations

from skillwise.application.payments.ports import PaymentListing
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class ListPaymentHistory:
    """Every payment the caller started, whatever became of it."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, page: PageRequest) -> Page[PaymentListing]:
        with self._uow as uow:
            return uow.payments.history(actor.user_id, page)
