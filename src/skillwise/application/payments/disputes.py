"""What a dispute owes as its gateway reports it: access held while open, given back when
won, ended for good when lost."""

from __future__ import annotations

from datetime import datetime

from skillwise.application.accounts.users import UserQuery
from skillwise.application.learning.enrollment_grants import revoke_enrollment
from skillwise.application.payments.gateway import DisputeUpdate
from skillwise.application.shared.pagination import PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.disputes import Dispute, DisputeOutcome
from skillwise.domain.identity import Role
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import Payment, PaymentStatus

# Admins told of a lost dispute; a platform with more admins than this has a mailing list.
_ADMINS_TOLD = 100


def apply_dispute_update(
    uow: UnitOfWork, payment: Payment, update: DisputeUpdate, now: datetime
) -> str | None:
    """Record what the gateway says about a dispute of `payment` (locked by the caller) and
    act on its outcome; None when it changes nothing (a closed dispute stays closed)."""
    dispute = uow.disputes.find_by_reference(payment.gateway, update.gateway_reference)
    if dispute is None:
        dispute = Dispute(
            payment_id=payment.id,
            gateway=payment.gateway,
            gateway_reference=update.gateway_reference,
            amount=update.amount,
            status=update.status,
            reason=update.reason[:100],
            created_at=now,
            updated_at=now,
            closed_at=None,
        )
        if dispute.outcome is not DisputeOutcome.OPEN:
            dispute.closed_at = now
        uow.disputes.add(dispute)
    elif dispute.move_to(update.status, now):
        uow.disputes.save(dispute)
    else:
        return None
    enrollment = uow.enrollments.get_for(payment.user_id, payment.course_id)
    if dispute.outcome is DisputeOutcome.OPEN:
        if enrollment is not None and enrollment.suspend(now):
            uow.enrollments.save(enrollment)
        return f"dispute {dispute.gateway_reference} {dispute.status}: access suspended"
    if dispute.outcome is DisputeOutcome.WON:
        if enrollment is not None and enrollment.resume(now):
            uow.enrollments.save(enrollment)
        return f"dispute {dispute.gateway_reference} won: access restored"
    _charge_back(uow, payment, dispute, now)
    return f"dispute {dispute.gateway_reference} lost: access ended, earning reversed"


def _charge_back(uow: UnitOfWork, payment: Payment, dispute: Dispute, now: datetime) -> None:
    refunded_before = payment.refunded_amount
    if payment.move_to(PaymentStatus.REFUNDED, now):
        uow.payments.save(payment)
    sale = uow.earnings.sale_for(payment.id)
    if sale is not None and refunded_before.amount_minor < sale.gross.amount_minor:
        uow.earnings.add(sale.remainder_reversal(refunded_before, now))
    course = uow.courses.get_for_update(payment.course_id)
    assert course is not None, "payments keep their course"
    if not uow.payments.has_succeeded_payment(payment.user_id, course.id):
        revoke_enrollment(uow, user_id=payment.user_id, course=course, now=now)
    admins = uow.users.search(
        UserQuery(role=Role.ADMIN, is_active=True), PageRequest(page=1, page_size=_ADMINS_TOLD)
    )
    for admin in admins.items:
        uow.notifications.add(
            Notification(
                user_id=admin.id,
                kind="dispute_lost",
                title=f"Dispute lost: {dispute.amount} for {course.title}",
                body=f"The buyer's bank decided dispute {dispute.gateway_reference} "
                f"({dispute.reason or 'no reason given'}) for the buyer. Their access has "
                "ended and the instructor's earning is reversed.",
                data={"payment_id": str(payment.id), "dispute_id": str(dispute.id)},
                created_at=now,
            )
        )
