"""Receipts as an outbox topic: written with the sale, mailed with the invoice PDF after commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.outbox import OutboxMessage
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.invoices import Invoice
from skillwise.domain.money import Money

RECEIPT_TOPIC = "email.receipt"


def queue_receipt(uow: UnitOfWork, clock: Clock, invoice: Invoice) -> None:
    """Record the receipt in the current transaction.

    The payload carries the whole invoice snapshot (it never changes), so delivery renders
    the PDF without reading the database while the outbox row is locked.
    """
    uow.outbox.add(
        OutboxMessage(
            topic=RECEIPT_TOPIC,
            payload={"invoice_id": str(invoice.id), "invoice": _invoice_payload(invoice)},
            created_at=clock.now(),
        )
    )


def _invoice_payload(invoice: Invoice) -> dict[str, Any]:
    return {
        "id": str(invoice.id),
        "number": invoice.number,
        "payment_id": str(invoice.payment_id),
        "user_id": str(invoice.user_id),
        "course_id": str(invoice.course_id),
        "buyer_name": invoice.buyer_name,
        "buyer_email": invoice.buyer_email,
        "course_title": invoice.course_title,
        "amount_minor": invoice.amount.amount_minor,
        "currency": invoice.amount.currency,
        "discount_minor": invoice.discount_minor,
        "coupon_code": invoice.coupon_code,
        "gateway": invoice.gateway,
        "gateway_reference": invoice.gateway_reference,
        "paid_at": invoice.paid_at.isoformat(),
        "issued_at": invoice.issued_at.isoformat(),
    }


def invoice_from_payload(data: dict[str, Any]) -> Invoice:
    return Invoice(
        id=UUID(data["id"]),
        number=data["number"],
        payment_id=UUID(data["payment_id"]),
        user_id=UUID(data["user_id"]),
        course_id=UUID(data["course_id"]),
        buyer_name=data["buyer_name"],
        buyer_email=data["buyer_email"],
        course_title=data["course_title"],
        amount=Money(data["amount_minor"], data["currency"]),
        # Receipts queued before invoices kept their discount carry none.
        discount_minor=data.get("discount_minor", 0),
        coupon_code=data.get("coupon_code"),
        gateway=data["gateway"],
        gateway_reference=data["gateway_reference"],
        paid_at=datetime.fromisoformat(data["paid_at"]),
        issued_at=datetime.fromisoformat(data["issued_at"]),
    )
