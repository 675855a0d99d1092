"""A payment as its buyer and admins see it, shared by the payment use cases."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.ports import PaymentListing
from skillwise.application.shared.unit_of_work import UnitOfWork


def payment_listing(uow: UnitOfWork, payment_id: UUID) -> PaymentListing | None:
    """The payment with its invoice id, refunds and disputes, as every payment answer shows
    it."""
    payment = uow.payments.get(payment_id)
    if payment is None:
        return None
    invoice = uow.invoices.get_for_payment(payment_id)
    return PaymentListing(
        payment,
        invoice.id if invoice else None,
        refunds=tuple(uow.refunds.for_payment(payment_id)),
        disputes=tuple(uow.disputes.for_payment(payment_id)),
    )
