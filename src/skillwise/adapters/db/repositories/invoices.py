"""Invoices and their yearly numbering <-> invoices and invoice_sequences."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import invoice_sequences, invoices
from skillwise.application.payments.ports import InvoiceRepository
from skillwise.domain.invoices import Invoice
from skillwise.domain.money import Money


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
        discount_minor=row.discount_minor,
        coupon_code=row.coupon_code,
        gateway=row.gateway,
        gateway_reference=row.gateway_reference,
        paid_at=row.paid_at,
        issued_at=row.issued_at,
    )


class SqlInvoiceRepository(SqlRepository, implements=InvoiceRepository):
    def next_number(self, year: int) -> int:
        allocated = self._increment(year)
        if allocated is None:
            # The year's first invoice: create its counter (a concurrent creator wins
            # harmlessly), then take the row lock through the same increment.
            insert_unless_exists(
                self._session,
                invoice_sequences,
                {"year": year, "last_number": 0},
                unique=("year",),
            )
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
                discount_minor=invoice.discount_minor,
                coupon_code=invoice.coupon_code,
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
