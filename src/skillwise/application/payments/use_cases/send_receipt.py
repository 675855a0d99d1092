"""The receipt email: recorded with the succeeded payment, sent with its invoice PDF attached."""

from __future__ import annotations

from typing import Any

from skillwise.application.notifications.unsubscribe import (
    UnsubscribeLinks,
    unsubscribable,
    wants_email,
)
from skillwise.application.payments.ports import InvoiceRenderer
from skillwise.application.payments.receipts import invoice_from_payload
from skillwise.application.shared.mailer import EmailAttachment, EmailMessage, Mailer
from skillwise.application.shared.unit_of_work import UnitOfWork

RECEIPT_KIND = "payment_succeeded"


class SendReceipt:
    """Outbox handler for `email.receipt`: renders the invoice PDF and mails it to the buyer,
    unless they turned payment emails off (the invoice stays on the API either way)."""

    def __init__(
        self, mailer: Mailer, renderer: InvoiceRenderer, unsubscribe_links: UnsubscribeLinks
    ) -> None:
        self._mailer = mailer
        self._renderer = renderer
        self._links = unsubscribe_links

    def __call__(self, payload: dict[str, Any], uow: UnitOfWork) -> None:
        invoice = invoice_from_payload(payload["invoice"])
        if not wants_email(uow, invoice.user_id, RECEIPT_KIND):
            return
        opt_out = unsubscribable(self._links, invoice.user_id, RECEIPT_KIND)
        self._mailer.send(
            EmailMessage(
                to=invoice.buyer_email,
                subject=f"Your receipt for {invoice.course_title} ({invoice.number})",
                text=(
                    f"Hello {invoice.buyer_name},\n\n"
                    f"Thank you for buying {invoice.course_title}. We received {invoice.amount} "
                    f"on {invoice.paid_at:%Y-%m-%d}. Invoice {invoice.number} is attached.\n\n"
                    "SkillWise" + opt_out.footer
                ),
                attachments=(
                    EmailAttachment(
                        filename=f"{invoice.number}.pdf",
                        content_type="application/pdf",
                        content=self._renderer.render_pdf(invoice),
                    ),
                ),
                headers=opt_out.headers,
            )
        )
