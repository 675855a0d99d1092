"""GetInvoice: an invoice, for its buyer or an admin."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound
from skillwise.domain.identity import Actor
from skillwise.domain.payments import Invoice


def visible_invoice(uow: UnitOfWork, actor: Actor, invoice_id: UUID) -> Invoice:
    invoice = uow.invoices.get(invoice_id)
    if invoice is None or not actor.owns_or_administers(invoice.user_id):
        raise NotFound("No such invoice.")
    return invoice


class GetInvoice:
    """Anyone else is told the invoice does not exist."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, invoice_id: UUID) -> Invoice:
        with self._uow as uow:
            return visible_invoice(uow, actor, invoice_id)
