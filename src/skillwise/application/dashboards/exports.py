"""The rows of the payment and earnings exports, and the port that streams them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.dashboards.window import Window
from skillwise.domain.money import Money


@dataclass(frozen=True, slots=True)
class PaymentLine:
    id: UUID
    created_at: datetime
    status: str
    price: Money
    discount: Money
    amount: Money
    refunded: Money
    course_id: UUID
    course_title: str
    buyer_email: str


@dataclass(frozen=True, slots=True)
class EarningLine:
    id: UUID
    created_at: datetime
    kind: str
    gross: Money
    fee: Money
    net: Money
    payment_id: UUID
    course_id: UUID
    course_title: str
    student_name: str


class ExportQueries(Protocol):
    """Rows created in the window, oldest first, read lazily so a year never sits in memory."""

    def payment_lines(self, window: Window) -> Iterator[PaymentLine]: ...

    def earning_lines(self, instructor_id: UUID, window: Window) -> Iterator[EarningLine]: ...
