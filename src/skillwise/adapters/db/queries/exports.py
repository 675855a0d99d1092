"""The export rows, read in batches over a server-side cursor on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import read_session
from skillwise.adapters.db.tables.core import courses, users
from skillwise.adapters.db.tables.payments import earnings, payments
from skillwise.application.dashboards.exports import EarningLine, PaymentLine
from skillwise.application.dashboards.window import Window
from skillwise.domain.money import Money

BATCH = 500


class SqlExportQueries:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def payment_lines(self, window: Window) -> Iterator[PaymentLine]:
        query = (
            select(
                payments.c.id,
                payments.c.created_at,
                payments.c.status,
                payments.c.price_minor,
                payments.c.discount_minor,
                payments.c.amount_minor,
                payments.c.refunded_minor,
                payments.c.currency,
                payments.c.course_id,
                courses.c.title,
                users.c.email,
            )
            .join(courses, courses.c.id == payments.c.course_id)
            .join(users, users.c.id == payments.c.user_id)
            .where(payments.c.created_at >= window.since, payments.c.created_at < window.until)
            .order_by(payments.c.created_at, payments.c.id)
        )
        for row in self._streamed(query):
            yield PaymentLine(
                id=row.id,
                created_at=row.created_at,
                status=row.status,
                price=Money(row.price_minor, row.currency),
                discount=Money(row.discount_minor, row.currency),
                amount=Money(row.amount_minor, row.currency),
                refunded=Money(row.refunded_minor, row.currency),
                course_id=row.course_id,
                course_title=row.title,
                buyer_email=row.email,
            )

    def earning_lines(self, instructor_id: UUID, window: Window) -> Iterator[EarningLine]:
        query = (
            select(
                earnings.c.id,
                earnings.c.created_at,
                earnings.c.kind,
                earnings.c.gross_minor,
                earnings.c.fee_minor,
                earnings.c.net_minor,
                earnings.c.currency,
                earnings.c.payment_id,
                earnings.c.course_id,
                courses.c.title,
                users.c.full_name,
            )
            .join(courses, courses.c.id == earnings.c.course_id)
            .join(payments, payments.c.id == earnings.c.payment_id)
            .join(users, users.c.id == payments.c.user_id)
            .where(
                earnings.c.instructor_id == instructor_id,
                earnings.c.created_at >= window.since,
                earnings.c.created_at < window.until,
            )
            .order_by(earnings.c.created_at, earnings.c.id)
        )
        for row in self._streamed(query):
            yield EarningLine(
                id=row.id,
                created_at=row.created_at,
                kind=row.kind,
                gross=Money(row.gross_minor, row.currency),
                fee=Money(row.fee_minor, row.currency),
                net=Money(row.net_minor, row.currency),
                payment_id=row.payment_id,
                course_id=row.course_id,
                course_title=row.title,
                student_name=row.full_name,
            )

    def _streamed(self, query: Select[Any]) -> Iterator[Row[Any]]:
        """Rows fetched BATCH at a time (a server-side cursor on PostgreSQL), so a year of
        them never sits in memory."""
        with read_session(self._session_factory) as session:
            yield from session.execute(query.execution_options(yield_per=BATCH))
