"""GetInvoicePdf: an invoice as the PDF document its buyer keeps."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.invoices import visible_invoice
from skillwise.application.payments.ports import InvoiceRenderer
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.invoices import Invoice


class GetInvoicePdf:
    """Same visibility as GetInvoice; rendered outside the transaction."""

    def __init__(self, uow: UnitOfWork, renderer: InvoiceRenderer) -> None:
        self._uow = uow
        self._renderer = renderer

    def __call__(self, actor: Actor, invoice_id: UUID) -> tuple[Invoice, bytes]:
        with self._uow as uow:
            invoice = visible_invoice(uow, actor, invoice_id)
        return invoice, self._renderer.render_pdf(invoice)
