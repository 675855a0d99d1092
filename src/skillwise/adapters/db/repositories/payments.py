"""Payments and their idempotency keys <-> their tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, select, true, update
from sqlalchemy.sql import ColumnElement, Select

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import (
    OPEN_CHECKOUT_KEY,
    OPEN_CHECKOUTS,
    invoices,
    payment_idempotency_keys,
    payments,
)
from skillwise.application.payments.ports import PaymentFilters, PaymentListing, PaymentRepository
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.coupons import CouponUses
from skillwise.domain.money import Money
from skillwise.domain.payments import Checkout, Payment, PaymentStatus

# The payments that use up a coupon: paid for (redeemed) and still open (reserved).
COUPON_USES = (PaymentStatus.SUCCEEDED.value, PaymentStatus.PENDING.value)


def coupon_uses_from(counts: dict[str, int]) -> CouponUses:
    return CouponUses(
        redeemed=counts.get(PaymentStatus.SUCCEEDED.value, 0),
        reserved=counts.get(PaymentStatus.PENDING.value, 0),
    )


def payment_from_row(row: Any) -> Payment:
    checkout = None
    if row.gateway_reference is not None:
        checkout = Checkout(
            gateway_reference=row.gateway_reference,
            client_secret=row.client_secret,
            checkout_url=row.checkout_url,
            publishable_key=row.publishable_key,
            customer_reference=row.customer_reference,
            ephemeral_key=row.ephemeral_key,
        )
    return Payment(
        id=row.id,
        user_id=row.user_id,
        course_id=row.course_id,
        amount=Money(row.amount_minor, row.currency),
        gateway=row.gateway,
        status=PaymentStatus(row.status),
        checkout=checkout,
        transaction_reference=row.transaction_reference,
        needs_review=row.needs_review,
        review_reason=row.review_reason,
        discount_minor=row.discount_minor,
        coupon_id=row.coupon_id,
        coupon_code=row.coupon_code,
        coupon_beyond_limit=row.coupon_beyond_limit,
        created_at=row.created_at,
        updated_at=row.updated_at,
        paid_at=row.paid_at,
        refunded_at=row.refunded_at,
        refunded_minor=row.refunded_minor,
        charge_reference=row.charge_reference,
    )


def _payment_values(payment: Payment) -> dict[str, Any]:
    checkout = payment.checkout or Checkout(gateway_reference="")
    return {
        "user_id": payment.user_id,
        "course_id": payment.course_id,
        "gateway": payment.gateway,
        "status": payment.status.value,
        "amount_minor": payment.amount.amount_minor,
        "currency": payment.amount.currency,
        "gateway_reference": payment.gateway_reference,
        "client_secret": checkout.client_secret,
        "checkout_url": checkout.checkout_url,
        "publishable_key": checkout.publishable_key,
        "customer_reference": checkout.customer_reference,
        "ephemeral_key": checkout.ephemeral_key,
        "transaction_reference": payment.transaction_reference,
        "needs_review": payment.needs_review,
        "review_reason": payment.review_reason,
        "price_minor": payment.price.amount_minor,
        "discount_minor": payment.discount_minor,
        "coupon_id": payment.coupon_id,
        "coupon_code": payment.coupon_code,
        "coupon_beyond_limit": payment.coupon_beyond_limit,
        "created_at": payment.created_at,
        "updated_at": payment.updated_at,
        "paid_at": payment.paid_at,
        "refunded_at": payment.refunded_at,
        "refunded_minor": payment.refunded_minor,
        "charge_reference": payment.charge_reference,
    }


def _listing_query() -> Select[Any]:
    return select(payments, invoices.c.id.label("invoice_id")).outerjoin(
        invoices, invoices.c.payment_id == payments.c.id
    )


def _filter_conditions(filters: PaymentFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.status is not None:
        conditions.append(payments.c.status == filters.status.value)
    if filters.gateway is not None:
        conditions.append(payments.c.gateway == filters.gateway)
    if filters.user_id is not None:
        conditions.append(payments.c.user_id == filters.user_id)
    if filters.course_id is not None:
        conditions.append(payments.c.course_id == filters.course_id)
    if filters.created_from is not None:
        conditions.append(payments.c.created_at >= filters.created_from)
    if filters.created_to is not None:
        conditions.append(payments.c.created_at < filters.created_to)
    if filters.needs_review is not None:
        conditions.append(payments.c.needs_review.is_(filters.needs_review))
    return conditions


class SqlPaymentRepository(SqlRepository, implements=PaymentRepository):
    def add(self, payment: Payment) -> bool:
        return insert_unless_exists(
            self._session,
            payments,
            {"id": payment.id, **_payment_values(payment)},
            unique=OPEN_CHECKOUT_KEY,
            where=OPEN_CHECKOUTS,
        )

    def get(self, payment_id: UUID) -> Payment | None:
        row = self._session.execute(select(payments).where(payments.c.id == payment_id)).first()
        return payment_from_row(row) if row else None

    def get_for_update(self, payment_id: UUID) -> Payment | None:
        query = select(payments).where(payments.c.id == payment_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return payment_from_row(row) if row else None

    def save(self, payment: Payment) -> None:
        self._session.execute(
            update(payments).where(payments.c.id == payment.id).values(**_payment_values(payment))
        )

    def find_open(
        self, user_id: UUID, course_id: UUID, gateway: str, amount: Money
    ) -> Payment | None:
        row = self._session.execute(
            select(payments).where(
                payments.c.user_id == user_id,
                payments.c.course_id == course_id,
                payments.c.gateway == gateway,
                payments.c.amount_minor == amount.amount_minor,
                payments.c.currency == amount.currency,
                payments.c.status == PaymentStatus.PENDING.value,
            )
        ).first()
        return payment_from_row(row) if row else None

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Payment | None:
        row = self._session.execute(
            select(payments).where(
                payments.c.gateway == gateway, payments.c.gateway_reference == gateway_reference
            )
        ).first()
        return payment_from_row(row) if row else None

    def find_by_charge(self, gateway: str, charge_reference: str) -> Payment | None:
        row = self._session.execute(
            select(payments).where(
                payments.c.gateway == gateway, payments.c.charge_reference == charge_reference
            )
        ).first()
        return payment_from_row(row) if row else None

    def has_succeeded_payment(self, user_id: UUID, course_id: UUID) -> bool:
        row = self._session.execute(
            select(payments.c.id)
            .where(
                payments.c.user_id == user_id,
                payments.c.course_id == course_id,
                payments.c.status == PaymentStatus.SUCCEEDED.value,
            )
            .limit(1)
        ).first()
        return row is not None

    def latest_customer_reference(self, user_id: UUID, gateway: str) -> str | None:
        # Walks the user's payments newest first along ix_payments_user_id_created_at.
        return self._session.execute(
            select(payments.c.customer_reference)
            .where(
                payments.c.user_id == user_id,
                payments.c.gateway == gateway,
                payments.c.customer_reference.is_not(None),
            )
            .order_by(payments.c.created_at.desc())
            .limit(1)
        ).scalar_one_or_none()

    def payment_id_for_key(self, user_id: UUID, idempotency_key: str) -> UUID | None:
        return self._session.execute(
            select(payment_idempotency_keys.c.payment_id).where(
                payment_idempotency_keys.c.user_id == user_id,
                payment_idempotency_keys.c.idempotency_key == idempotency_key,
            )
        ).scalar_one_or_none()

    def remember_key(
        self, user_id: UUID, idempotency_key: str, payment_id: UUID, now: datetime
    ) -> UUID:
        insert_unless_exists(
            self._session,
            payment_idempotency_keys,
            {
                "user_id": user_id,
                "idempotency_key": idempotency_key,
                "payment_id": payment_id,
                "created_at": now,
            },
            unique=("user_id", "idempotency_key"),
        )
        remembered = self.payment_id_for_key(user_id, idempotency_key)
        assert remembered is not None, "a key just inserted or found is there"
        return remembered

    def history(self, user_id: UUID, page: PageRequest) -> Page[PaymentListing]:
        return self._page([payments.c.user_id == user_id], page)

    def search(self, filters: PaymentFilters, page: PageRequest) -> Page[PaymentListing]:
        return self._page(_filter_conditions(filters), page)

    def pending_created_before(self, cutoff: datetime, limit: int) -> list[Payment]:
        rows = self._session.execute(
            select(payments)
            .where(
                payments.c.status == PaymentStatus.PENDING.value,
                payments.c.created_at < cutoff,
            )
            .order_by(payments.c.created_at)
            .limit(limit)
        )
        return [payment_from_row(row) for row in rows]

    def coupon_uses(self, coupon_id: UUID, *, user_id: UUID | None = None) -> CouponUses:
        query = (
            select(payments.c.status, func.count())
            .where(
                payments.c.coupon_id == coupon_id,
                payments.c.status.in_(COUPON_USES),
                payments.c.coupon_beyond_limit.is_(False),
            )
            .group_by(payments.c.status)
        )
        if user_id is not None:
            query = query.where(payments.c.user_id == user_id)
        counts = {status: count for status, count in self._session.execute(query)}
        return coupon_uses_from(counts)

    def _page(
        self, conditions: list[ColumnElement[bool]], page: PageRequest
    ) -> Page[PaymentListing]:
        where = and_(true(), *conditions)
        total = self._session.execute(
            select(func.count()).select_from(payments).where(where)
        ).scalar_one()
        rows = self._session.execute(
            _listing_query()
            .where(where)
            .order_by(payments.c.created_at.desc(), payments.c.id.desc())
            .limit(page.page_size)
            .offset(page.offset)
        )
        listed = [(payment_from_row(row), row.invoice_id) for row in rows]
        # One query each for the refunds and the disputes of the whole page, never one per
        # payment.
        ids = [payment.id for payment, _ in listed]
        refunded = self._uow.refunds.for_payments(ids)
        disputed = self._uow.disputes.for_payments(ids)
        items = [
            PaymentListing(
                payment,
                invoice_id,
                refunds=tuple(refunded.get(payment.id, ())),
                disputes=tuple(disputed.get(payment.id, ())),
            )
            for payment, invoice_id in listed
        ]
        return Page(items=items, total=total, request=page)
