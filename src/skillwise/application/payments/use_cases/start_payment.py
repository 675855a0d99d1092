"""StartPayment: open (or find again) a payment for a course and its checkout at the gateway."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from uuid import UUID

from skillwise.application.coupons.pricing import Quote, ensure_uses_left, quote_for
from skillwise.application.payments.fulfilment import fulfil_payment
from skillwise.application.payments.gateway import CheckoutRequest, CheckoutSession
from skillwise.application.payments.ports import GatewayRegistry
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.earnings import PlatformFee
from skillwise.domain.enrollments import ensure_user_may_enroll_in
from skillwise.domain.errors import AccountNotFound, Conflict, CourseNotFound, DomainValidationError
from skillwise.domain.identity import Actor
from skillwise.domain.payments import Checkout, Payment
from skillwise.domain.users import User


class StartPayment:
    """The amount and currency are the course's at this moment, never the client's.

    Three short steps so that a slow gateway never holds a lock: commit the pending payment,
    call the gateway with no transaction open, then store its checkout in a second short
    transaction. The same user and Idempotency-Key always name the same payment (a unique
    key row decides between concurrent requests); without a key, an open payment for the same
    course, gateway and price is reused (a partial unique index keeps there from being two).
    A payment whose gateway call failed keeps no checkout, and the next request retries it.
    A price in a currency or outside the range the gateway takes opens no payment at all.

    The buyer stays one customer at each gateway: the customer reference kept with their latest
    payment there goes with every new checkout. A repeat that meets an open payment with its
    checkout gets that checkout with its short-lived credentials renewed by the gateway.

    A coupon is checked and its uses counted under a lock on its row, and the payment that
    carries it is its reservation: at most `max_redemptions` payments are ever pending or
    succeeded with it. The gateway is asked for the total after the discount; a total of zero
    succeeds at once (enrollment and a zero invoice) without a gateway.
    """

    def __init__(
        self, uow: UnitOfWork, gateways: GatewayRegistry, clock: Clock, fee: PlatformFee
    ) -> None:
        self._uow = uow
        self._gateways = gateways
        self._clock = clock
        self._fee = fee

    def __call__(
        self,
        actor: Actor,
        course_id: UUID,
        *,
        gateway: str | None = None,
        idempotency_key: str | None = None,
        coupon: str | None = None,
    ) -> Payment:
        name = gateway or self._gateways.default_name
        payment, checkout = self._open(actor, course_id, name, idempotency_key, coupon)
        if checkout is not None:
            session = self._gateways.get(payment.gateway).start_checkout(checkout)
            return self._keep(payment.id, session)
        if payment.is_open:
            return self._renewed(payment)
        return payment

    def _open(
        self,
        actor: Actor,
        course_id: UUID,
        gateway: str,
        idempotency_key: str | None,
        coupon: str | None,
    ) -> tuple[Payment, CheckoutRequest | None]:
        with self._uow as uow:
            now = self._clock.now()
            buyer = uow.users.get(actor.user_id)
            if buyer is None:
                raise AccountNotFound()
            named = (
                uow.payments.payment_id_for_key(buyer.id, idempotency_key)
                if idempotency_key
                else None
            )
            if named is not None:
                return self._replay(uow, buyer, named, course_id)
            # Refuses an unknown or unconfigured gateway before anything is stored.
            chosen = self._gateways.get(gateway)
            course = uow.courses.get(course_id)
            _ensure_buyable(uow, buyer, course)
            assert course is not None
            # Locks the coupon: its uses are counted and added to one purchase at a time.
            quote = quote_for(uow, course, coupon, now=now, lock=True)
            if not quote.total.is_zero:
                # An amount the gateway cannot take is refused here, for good: asking would
                # only fail at the gateway and look like an outage worth retrying.
                chosen.ensure_chargeable(quote.total)
            payment = uow.payments.find_open(buyer.id, course.id, gateway, quote.total)
            if payment is None or payment.coupon_id != quote.coupon_id:
                ensure_uses_left(uow, quote, buyer.id)
            if payment is not None and payment.coupon_id != quote.coupon_id:
                payment = _carrying(uow, payment, quote, now)
            if payment is None:
                if quote.total.is_zero and not idempotency_key:
                    # Checked again under the coupon's lock: a double tap enrolls once. With a
                    # key, the key's row decides instead and the loser replays the winner.
                    _ensure_buyable(uow, buyer, course)
                payment = quote.payment_for(buyer.id, course.id, gateway, now)
                if not uow.payments.add(payment):
                    # A concurrent request opened the same payment first and has committed.
                    payment = uow.payments.find_open(buyer.id, course.id, gateway, quote.total)
                    assert payment is not None, "the open payment that blocked ours exists"
                elif not payment.is_open:
                    fulfil_payment(uow, payment, clock=self._clock, fee=self._fee, now=now)
            if idempotency_key:
                named = uow.payments.remember_key(buyer.id, idempotency_key, payment.id, now)
                if named != payment.id:
                    # A concurrent request with the same key won; ours must leave no trace.
                    uow.rollback()
                    return self._replay(uow, buyer, named, course_id)
            checkout = _checkout_request(uow, payment, buyer, course)
            uow.commit()
            return payment, checkout

    def _replay(
        self, uow: UnitOfWork, buyer: User, payment_id: UUID, course_id: UUID
    ) -> tuple[Payment, CheckoutRequest | None]:
        payment = uow.payments.get(payment_id)
        assert payment is not None, "idempotency keys point at payments"
        if payment.course_id != course_id:
            raise DomainValidationError(
                "This Idempotency-Key was used for another course; send a new key.",
                code="idempotency_key_reused",
            )
        course = uow.courses.get(course_id)
        assert course is not None, "payments keep their course"
        return payment, _checkout_request(uow, payment, buyer, course)

    def _keep(self, payment_id: UUID, session: CheckoutSession) -> Payment:
        with self._uow as uow:
            payment = uow.payments.get_for_update(payment_id)
            assert payment is not None, "payments are never deleted"
            payment.attach_checkout(_checkout_of(session), self._clock.now())
            uow.payments.save(payment)
            uow.commit()
        return payment

    def _renewed(self, payment: Payment) -> Payment:
        # Answered, not stored: the stored credentials are only ever handed out renewed.
        assert payment.checkout is not None, "an open payment met again has its checkout"
        session = self._gateways.get(payment.gateway).renew_checkout(_session_of(payment.checkout))
        return dataclasses.replace(payment, checkout=_checkout_of(session))


def _ensure_buyable(uow: UnitOfWork, buyer: User, course: Course | None) -> None:
    if course is None:
        raise CourseNotFound("No such course.")
    if not course.is_published:
        raise DomainValidationError(
            "This course is not on sale: it is not published.", code="course_not_published"
        )
    buyer.require_verified_email()
    ensure_user_may_enroll_in(course, buyer.id)
    if course.is_free:
        raise DomainValidationError(
            "This course is free: enroll in it directly.", code="course_is_free"
        )
    enrollment = uow.enrollments.get_for(buyer.id, course.id)
    # A suspended enrollment is still owned: paying again would not lift the suspension.
    if enrollment is not None and not enrollment.is_revoked:
        raise Conflict("You already own this course.", code="already_enrolled")


def _carrying(uow: UnitOfWork, payment: Payment, quote: Quote, now: datetime) -> Payment | None:
    """The open payment for the same total, now carrying this quote's coupon (the gateway
    collects the same amount either way); None if it closed meanwhile."""
    locked = uow.payments.get_for_update(payment.id)
    if locked is None or not locked.is_open:
        return None
    quote.apply_to(locked, now)
    uow.payments.save(locked)
    return locked


def _checkout_request(
    uow: UnitOfWork, payment: Payment, buyer: User, course: Course
) -> CheckoutRequest | None:
    """What to open at the gateway; None when the payment has its checkout or is closed."""
    if payment.checkout is not None or not payment.is_open:
        return None
    return CheckoutRequest(
        payment_id=payment.id,
        amount=payment.amount,
        course_id=course.id,
        course_title=course.title,
        customer_id=buyer.id,
        customer_email=buyer.email.value,
        customer_name=buyer.full_name,
        customer_reference=uow.payments.latest_customer_reference(buyer.id, payment.gateway),
    )


def _checkout_of(session: CheckoutSession) -> Checkout:
    return Checkout(
        gateway_reference=session.gateway_reference,
        client_secret=session.client_secret,
        checkout_url=session.checkout_url,
        publishable_key=session.publishable_key,
        customer_reference=session.customer_reference,
        ephemeral_key=session.ephemeral_key,
    )


def _session_of(checkout: Checkout) -> CheckoutSession:
    return CheckoutSession(
        gateway_reference=checkout.gateway_reference,
        client_secret=checkout.client_secret,
        checkout_url=checkout.checkout_url,
        publishable_key=checkout.publishable_key,
        customer_reference=checkout.customer_reference,
        ephemeral_key=checkout.ephemeral_key,
    )
