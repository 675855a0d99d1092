"""GetPaymentAudit: one payment with every gateway event about it, for admins."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from skillwise.application.payments.listings import payment_listing
from skillwise.application.payments.ports import PaymentListing, RecordedEvent
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import PaymentNotFound
from skillwise.domain.identity import Actor


@dataclass(frozen=True, slots=True)
class PaymentAudit:
    listing: PaymentListing
    events: list[RecordedEvent]


class GetPaymentAudit:
    """Shows why a payment is where it is, ignored and mismatched events included."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, payment_id: UUID) -> PaymentAudit:
        actor.ensure_is_admin("see a payment's audit trail")
        with self._uow as uow:
            listing = payment_listing(uow, payment_id)
            if listing is None:
                raise PaymentNotFound()
            return PaymentAudit(listing, uow.payment_events.for_payment(payment_id))
