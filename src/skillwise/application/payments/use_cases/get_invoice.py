"""GetInvoice: an invoice, for its buyer or an admin."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.invoices import visible_invoice
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.invoices import Invoice


class GetInvoice:
    """Anyone else is told the invoice does not exist."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, invoice_id: UUID) -> Invoice:
        with self._uow as uow:
            return visible_invoice(uow, actor, invoice_id)
