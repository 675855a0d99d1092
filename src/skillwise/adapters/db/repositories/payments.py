"""Payments, idempotency keys, gateway events, invoices and earnings <-> their tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Table, and_, case, func, insert, select, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ColumnElement, Select

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import (
    earnings,
    invoice_sequences,
    invoices,
    payment_events,
    payment_idempotency_keys,
    payments,
)
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import (
    EarningRepository,
    EventOutcome,
    InvoiceRepository,
    PaymentEventRepository,
    PaymentFilters,
    PaymentListing,
    PaymentRepository,
    RecordedEvent,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.money import Money
from skillwise.domain.payments import (
    Checkout,
    EarningEntry,
    EarningKind,
    EarningTotals,
    Invoice,
    Payment,
    PaymentStatus,
)


class _SqlRepositoryWithUpserts(SqlRepository):
    def _insert_unless_duplicate(self, table: Table, **values: Any) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING; True when the row was written.

        On PostgreSQL a concurrent insert of the same key waits for the other transaction and
        then does nothing, so exactly one of them writes.
        """
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        statement = (
            dialect.insert(table)
            .values(**values)
            .on_conflict_do_nothing()
            .returning(*table.primary_key.columns)
        )
        # RETURNING rather than rowcount, which the session does not report for this statement.
        return self._session.execute(statement).first() is not None


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
        created_at=row.created_at,
        updated_at=row.updated_at,
        paid_at=row.paid_at,
        refunded_at=row.refunded_at,
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
        "created_at": payment.created_at,
        "updated_at": payment.updated_at,
        "paid_at": payment.paid_at,
        "refunded_at": payment.refunded_at,
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


class SqlPaymentRepository(_SqlRepositoryWithUpserts, implements=PaymentRepository):
    def add(self, payment: Payment) -> bool:
        return self._insert_unless_duplicate(payments, id=payment.id, **_payment_values(payment))

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
        self._insert_unless_duplicate(
            payment_idempotency_keys,
            user_id=user_id,
            idempotency_key=idempotency_key,
            payment_id=payment_id,
            created_at=now,
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
        items = [PaymentListing(payment_from_row(row), row.invoice_id) for row in rows]
        return Page(items=items, total=total, request=page)


def _event_from_row(row: Any) -> RecordedEvent:
    return RecordedEvent(
        gateway=row.gateway,
        event_id=row.event_id,
        kind=GatewayEventKind(row.kind),
        payment_id=row.payment_id,
        received_at=row.received_at,
        outcome=EventOutcome(row.outcome) if row.outcome else None,
        detail=row.detail,
    )


class SqlPaymentEventRepository(_SqlRepositoryWithUpserts, implements=PaymentEventRepository):
    def record(self, event: RecordedEvent) -> bool:
        return self._insert_unless_duplicate(
            payment_events,
            id=uuid4(),
            gateway=event.gateway,
            event_id=event.event_id,
            kind=event.kind.value,
            payment_id=event.payment_id,
            outcome=event.outcome.value if event.outcome else None,
            detail=event.detail,
            received_at=event.received_at,
        )

    def set_outcome(
        self,
        gateway: str,
        event_id: str,
        outcome: EventOutcome,
        payment_id: UUID | None,
        detail: str = "",
    ) -> None:
        self._session.execute(
            update(payment_events)
            .where(payment_events.c.gateway == gateway, payment_events.c.event_id == event_id)
            .values(outcome=outcome.value, payment_id=payment_id, detail=detail)
        )

    def for_payment(self, payment_id: UUID) -> list[RecordedEvent]:
        rows = self._session.execute(
            select(payment_events)
            .where(payment_events.c.payment_id == payment_id)
            .order_by(payment_events.c.received_at, payment_events.c.event_id)
        )
        return [_event_from_row(row) for row in rows]


def invoice_from_row(row: Any) -> Invoice:
    return Invoice(
        id=row.id,
        number=row.number,
        payment_id=row.payment_id,
        user_id=row.user_id,
        course_id=row.course_id,
        buyer_name=row.buyer_name,
        buyer_email=row.buyer_email,
        course_title=row.course_title,
        amount=Money(row.amount_minor, row.currency),
        gateway=row.gateway,
        gateway_reference=row.gateway_reference,
        paid_at=row.paid_at,
        issued_at=row.issued_at,
    )


class SqlInvoiceRepository(_SqlRepositoryWithUpserts, implements=InvoiceRepository):
    def next_number(self, year: int) -> int:
        allocated = self._increment(year)
        if allocated is None:
            # The year's first invoice: create its counter (a concurrent creator wins
            # harmlessly), then take the row lock through the same increment.
            self._insert_unless_duplicate(invoice_sequences, year=year, last_number=0)
            allocated = self._increment(year)
        assert allocated is not None, "the year's counter exists now"
        return allocated

    def _increment(self, year: int) -> int | None:
        return self._session.execute(
            update(invoice_sequences)
            .where(invoice_sequences.c.year == year)
            .values(last_number=invoice_sequences.c.last_number + 1)
            .returning(invoice_sequences.c.last_number)
        ).scalar_one_or_none()

    def add(self, invoice: Invoice) -> None:
        self._session.execute(
            insert(invoices).values(
                id=invoice.id,
                number=invoice.number,
                payment_id=invoice.payment_id,
                user_id=invoice.user_id,
                course_id=invoice.course_id,
                buyer_name=invoice.buyer_name,
                buyer_email=invoice.buyer_email,
                course_title=invoice.course_title,
                amount_minor=invoice.amount.amount_minor,
                currency=invoice.amount.currency,
                gateway=invoice.gateway,
                gateway_reference=invoice.gateway_reference,
                paid_at=invoice.paid_at,
                issued_at=invoice.issued_at,
            )
        )

    def get(self, invoice_id: UUID) -> Invoice | None:
        row = self._session.execute(select(invoices).where(invoices.c.id == invoice_id)).first()
        return invoice_from_row(row) if row else None

    def get_for_payment(self, payment_id: UUID) -> Invoice | None:
        row = self._session.execute(
            select(invoices).where(invoices.c.payment_id == payment_id)
        ).first()
        return invoice_from_row(row) if row else None


def earning_from_row(row: Any) -> EarningEntry:
    return EarningEntry(
        id=row.id,
        instructor_id=row.instructor_id,
        payment_id=row.payment_id,
        course_id=row.course_id,
        kind=EarningKind(row.kind),
        gross=Money(row.gross_minor, row.currency),
        platform_fee=Money(row.fee_minor, row.currency),
        net=Money(row.net_minor, row.currency),
        created_at=row.created_at,
    )


class SqlEarningRepository(SqlRepository, implements=EarningRepository):
    def add(self, entry: EarningEntry) -> None:
        self._session.execute(
            insert(earnings).values(
                id=entry.id,
                instructor_id=entry.instructor_id,
                payment_id=entry.payment_id,
                course_id=entry.course_id,
                kind=entry.kind.value,
                gross_minor=entry.gross.amount_minor,
                fee_minor=entry.platform_fee.amount_minor,
                net_minor=entry.net.amount_minor,
                currency=entry.gross.currency,
                created_at=entry.created_at,
            )
        )

    def sale_for(self, payment_id: UUID) -> EarningEntry | None:
        row = self._session.execute(
            select(earnings).where(
                earnings.c.payment_id == payment_id, earnings.c.kind == EarningKind.SALE.value
            )
        ).first()
        return earning_from_row(row) if row else None

    def for_instructor(self, instructor_id: UUID, page: PageRequest) -> Page[EarningEntry]:
        where = earnings.c.instructor_id == instructor_id
        total = self._session.execute(
            select(func.count()).select_from(earnings).where(where)
        ).scalar_one()
        rows = self._session.execute(
            select(earnings)
            .where(where)
            .order_by(earnings.c.created_at.desc(), earnings.c.id.desc())
            .limit(page.page_size)
            .offset(page.offset)
        )
        return Page(items=[earning_from_row(row) for row in rows], total=total, request=page)

    def totals_for(self, instructor_id: UUID) -> list[EarningTotals]:
        rows = self._session.execute(
            select(
                earnings.c.currency,
                func.sum(earnings.c.gross_minor).label("gross"),
                func.sum(earnings.c.fee_minor).label("fee"),
                func.sum(earnings.c.net_minor).label("net"),
                func.sum(case((earnings.c.kind == EarningKind.SALE.value, 1), else_=0)).label(
                    "sales"
                ),
                func.sum(case((earnings.c.kind == EarningKind.REFUND.value, 1), else_=0)).label(
                    "refunds"
                ),
            )
            .where(earnings.c.instructor_id == instructor_id)
            .group_by(earnings.c.currency)
            .order_by(earnings.c.currency)
        )
        return [
            EarningTotals(
                currency=row.currency,
                gross=int(row.gross),
                platform_fee=int(row.fee),
                net=int(row.net),
                sales=int(row.sales),
                refunds=int(row.refunds),
            )
            for row in rows
        ]
