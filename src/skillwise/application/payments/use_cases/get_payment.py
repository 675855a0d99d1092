"""GetPayment: one payment, for its buyer (the app polls it after the checkout) or an admin."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.listings import payment_listing
from skillwise.application.payments.ports import PaymentListing
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import PaymentNotFound
from skillwise.domain.identity import Actor


class GetPayment:
    """Anyone else is told the payment does not exist."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, payment_id: UUID) -> PaymentListing:
        with self._uow as uow:
            listing = payment_listing(uow, payment_id)
        if listing is None or not actor.owns_or_administers(listing.payment.user_id):
            raise PaymentNotFound()
        return listing
