"""Who may see an invoice."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import InvoiceNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.invoices import Invoice


def visible_invoice(uow: UnitOfWork, actor: Actor, invoice_id: UUID) -> Invoice:
    invoice = uow.invoices.get(invoice_id)
    if invoice is None or not actor.owns_or_administers(invoice.user_id):
        raise InvoiceNotFound()
    return invoice
