"""What a payment that has just succeeded owes, shared by every way a payment succeeds."""

from __future__ import annotations

from datetime import datetime

from skillwise.application.learning.enrollment_grants import grant_enrollment
from skillwise.application.payments.receipts import queue_receipt
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.earnings import EarningEntry, PlatformFee
from skillwise.domain.invoices import Invoice, invoice_number
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import Payment


def fulfil_payment(
    uow: UnitOfWork, payment: Payment, *, clock: Clock, fee: PlatformFee, now: datetime
) -> Invoice:
    """Everything a payment that has just succeeded owes, in the caller's transaction.

    The buyer's enrollment, the invoice with the year's next number, the instructor's earning,
    the buyer's notification and the receipt in the outbox. Every way a payment succeeds
    (a gateway event, an admin's approval) comes through here.
    """
    course = uow.courses.get_for_update(payment.course_id)
    buyer = uow.users.get(payment.user_id)
    assert course is not None and buyer is not None, "payments keep their course and buyer"
    grant_enrollment(uow, user_id=buyer.id, course=course, now=now)
    invoice = Invoice(
        number=invoice_number(now.year, uow.invoices.next_number(now.year)),
        payment_id=payment.id,
        user_id=buyer.id,
        course_id=course.id,
        buyer_name=buyer.full_name,
        buyer_email=buyer.email.value,
        course_title=course.title,
        amount=payment.amount,
        discount_minor=payment.discount_minor,
        coupon_code=payment.coupon_code,
        gateway=payment.gateway,
        gateway_reference=payment.refund_reference,
        paid_at=now,
        issued_at=now,
    )
    uow.invoices.add(invoice)
    uow.earnings.add(
        EarningEntry.sale(payment, instructor_id=course.instructor_id, fee=fee, now=now)
    )
    uow.notifications.add(
        Notification(
            user_id=buyer.id,
            kind="payment_succeeded",
            title=f"Payment received for {course.title}",
            body=f"We received {payment.amount}. Invoice {invoice.number} is on its way.",
            data={
                "payment_id": str(payment.id),
                "course_id": str(course.id),
                "invoice_id": str(invoice.id),
            },
            created_at=now,
        )
    )
    queue_receipt(uow, clock, invoice)
    return invoice
