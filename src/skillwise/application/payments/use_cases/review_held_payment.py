"""ReviewHeldPayment: an admin approves or rejects a payment held for review."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from skillwise.application.payments.fulfilment import fulfil_payment
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.listings import payment_listing
from skillwise.application.payments.ports import EventOutcome, PaymentListing, RecordedEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.retries import retry_transient
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.earnings import PlatformFee
from skillwise.domain.errors import Conflict, DomainValidationError, PaymentNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import Payment, PaymentStatus

MAX_REVIEW_NOTE_LENGTH = 500


class ReviewDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


_RECORDED_AS = {
    ReviewDecision.APPROVE: GatewayEventKind.SUCCEEDED,
    ReviewDecision.REJECT: GatewayEventKind.FAILED,
}


_PAST_TENSE = {ReviewDecision.APPROVE: "approved", ReviewDecision.REJECT: "rejected"}


def review_event_id(payment_id: UUID) -> str:
    return f"admin-review:{payment_id}"


class ReviewHeldPayment:
    """Settles a pending payment held for review, once, in one transaction.

    Approving applies the success a gateway event would (the state machine, then
    fulfil_payment: enrollment, invoice, earning, notifications, receipt); rejecting fails the
    payment and tells the buyer. The decision is recorded among the payment's gateway events
    under one id per payment, so the same decision repeated answers the payment as it is and
    the opposite decision afterwards is a conflict.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, fee: PlatformFee) -> None:
        self._uow = uow
        self._clock = clock
        self._fee = fee

    def __call__(
        self, actor: Actor, payment_id: UUID, *, decision: ReviewDecision, note: str = ""
    ) -> PaymentListing:
        actor.ensure_is_admin("review held payments")
        checked = _checked_note(decision, note)
        return retry_transient(lambda: self._decide(actor, payment_id, decision, checked))

    def _decide(
        self, actor: Actor, payment_id: UUID, decision: ReviewDecision, note: str
    ) -> PaymentListing:
        with self._uow as uow:
            now = self._clock.now()
            payment = uow.payments.get_for_update(payment_id)
            if payment is None:
                raise PaymentNotFound()
            event_id = review_event_id(payment.id)
            recorded = uow.payment_events.record(
                RecordedEvent(
                    gateway=payment.gateway,
                    event_id=event_id,
                    kind=_RECORDED_AS[decision],
                    payment_id=payment.id,
                    received_at=now,
                )
            )
            if not recorded:
                return self._earlier_decision(uow, payment, decision)
            if not payment.is_held_for_review:
                raise Conflict(
                    "Only a pending payment held for review can be decided; this one is "
                    f"{payment.status}{'' if payment.needs_review else ', not held'}.",
                    code="not_held_for_review",
                )
            decided_by = f"{_PAST_TENSE[decision]} by admin {actor.user_id}"
            if decision is ReviewDecision.APPROVE:
                invoice_number = self._approve(uow, payment, now)
                detail = f"{decided_by}; succeeded; invoice {invoice_number}"
            else:
                self._reject(uow, payment, now)
                detail = f"{decided_by}; failed"
            if note:
                detail += f"; note: {note}"
            uow.payment_events.set_outcome(
                payment.gateway, event_id, EventOutcome.APPLIED, payment.id, detail
            )
            listing = payment_listing(uow, payment.id)
            uow.commit()
        assert listing is not None, "payments are never deleted"
        return listing

    def _earlier_decision(
        self, uow: UnitOfWork, payment: Payment, decision: ReviewDecision
    ) -> PaymentListing:
        event_id = review_event_id(payment.id)
        earlier = next(
            (e for e in uow.payment_events.for_payment(payment.id) if e.event_id == event_id), None
        )
        if earlier is None or earlier.kind is not _RECORDED_AS[decision]:
            raise Conflict(
                "This payment was reviewed already and decided the other way.",
                code="already_reviewed",
            )
        listing = payment_listing(uow, payment.id)
        assert listing is not None, "payments are never deleted"
        return listing

    def _approve(self, uow: UnitOfWork, payment: Payment, now: datetime) -> str:
        moved = payment.move_to(PaymentStatus.SUCCEEDED, now)
        assert moved, "a pending payment may succeed"
        payment.release_from_review(now)
        uow.payments.save(payment)
        return fulfil_payment(uow, payment, clock=self._clock, fee=self._fee, now=now).number

    def _reject(self, uow: UnitOfWork, payment: Payment, now: datetime) -> None:
        moved = payment.move_to(PaymentStatus.FAILED, now)
        assert moved, "a pending payment may fail"
        payment.release_from_review(now)
        uow.payments.save(payment)
        course = uow.courses.get(payment.course_id)
        assert course is not None, "payments keep their course"
        # The admin's note is for the audit trail; the buyer is told the outcome only.
        uow.notifications.add(
            Notification(
                user_id=payment.user_id,
                kind="payment_rejected",
                title=f"Payment not accepted for {course.title}",
                body=(
                    f"After a review, your payment of {payment.amount} was not accepted, so "
                    "no access was granted. Contact support if your account was charged."
                ),
                data={"payment_id": str(payment.id), "course_id": str(course.id)},
                created_at=now,
            )
        )


def _checked_note(decision: ReviewDecision, note: str) -> str:
    note = note.strip()
    if len(note) > MAX_REVIEW_NOTE_LENGTH:
        raise DomainValidationError(
            f"A review note has at most {MAX_REVIEW_NOTE_LENGTH} characters.",
            code="note_too_long",
        )
    if decision is ReviewDecision.REJECT and not note:
        raise DomainValidationError(
            "Rejecting a payment needs a note saying why.", code="note_required"
        )
    return note
