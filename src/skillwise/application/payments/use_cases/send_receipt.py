"""The receipt email: recorded with the succeeded payment, sent with its invoice PDF attached."""

from __future__ import annotations

from typing import Any

from skillwise.application.payments.ports import InvoiceRenderer
from skillwise.application.payments.receipts import invoice_from_payload
from skillwise.application.shared.mailer import EmailAttachment, EmailMessage, Mailer


class SendReceipt:
    """Outbox handler for `email.receipt`: renders the invoice PDF and mails it to the buyer."""

    def __init__(self, mailer: Mailer, renderer: InvoiceRenderer) -> None:
        self._mailer = mailer
        self._renderer = renderer

    def __call__(self, payload: dict[str, Any]) -> None:
        invoice = invoice_from_payload(payload["invoice"])
        self._mailer.send(
            EmailMessage(
                to=invoice.buyer_email,
                subject=f"Your receipt for {invoice.course_title} ({invoice.number})",
                text=(
                    f"Hello {invoice.buyer_name},\n\n"
                    f"Thank you for buying {invoice.course_title}. We received {invoice.amount} "
                    f"on {invoice.paid_at:%Y-%m-%d}. Invoice {invoice.number} is attached.\n\n"
                    "SkillWise"
                ),
                attachments=(
                    EmailAttachment(
                        filename=f"{invoice.number}.pdf",
                        content_type="application/pdf",
                        content=self._renderer.render_pdf(invoice),
                    ),
                ),
            )
        )
