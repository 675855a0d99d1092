"""Sales at chosen times, with coupons, refunds and disputes, written straight to the ledger."""

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import insert

from skillwise.adapters.db.tables.payments import disputes, earnings, payments


def sell(
    uow_factory,
    *,
    buyer,
    course,
    price: int,
    currency: str,
    fee: int,
    at: datetime,
    discount: int = 0,
    refunded_at: datetime | None = None,
    disputed: bool = False,
) -> UUID:
    """A paid purchase and its ledger; `fee` is the platform's cut of what was paid."""
    payment_id = uuid4()
    paid = price - discount
    with uow_factory() as uow:
        uow.session.execute(
            insert(payments).values(
                id=payment_id,
                user_id=buyer.id,
                course_id=course.id,
                gateway="fake",
                status="refunded" if refunded_at else "succeeded",
                price_minor=price,
                discount_minor=discount,
                amount_minor=paid,
                currency=currency,
                needs_review=False,
                refunded_minor=paid if refunded_at else 0,
                created_at=at,
                updated_at=refunded_at or at,
                paid_at=at,
                refunded_at=refunded_at,
            )
        )
        entries = [("sale", 1, at)] + ([("refund", -1, refunded_at)] if refunded_at else [])
        for kind, sign, when in entries:
            uow.session.execute(
                insert(earnings).values(
                    id=uuid4(),
                    instructor_id=course.instructor_id,
                    payment_id=payment_id,
                    course_id=course.id,
                    kind=kind,
                    entry_key=kind,
                    gross_minor=sign * paid,
                    fee_minor=sign * fee,
                    net_minor=sign * (paid - fee),
                    currency=currency,
                    created_at=when,
                )
            )
        if disputed:
            uow.session.execute(
                insert(disputes).values(
                    id=uuid4(),
                    payment_id=payment_id,
                    gateway="fake",
                    gateway_reference=f"dp_{payment_id.hex}",
                    amount_minor=paid,
                    currency=currency,
                    status="needs_response",
                    reason="fraudulent",
                    created_at=at,
                    updated_at=at,
                )
            )
        uow.commit()
    return payment_id
