"""Persistence of payments, gateway events, invoices and earnings; gateways by name; PDFs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from skillwise.application.payments.gateway import GatewayEventKind, PaymentGateway
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.coupons import CouponUses
from skillwise.domain.disputes import Dispute
from skillwise.domain.earnings import EarningEntry, EarningTotals
from skillwise.domain.invoices import Invoice
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus
from skillwise.domain.refunds import Refund, RefundRequest, RefundRequestStatus


@dataclass(frozen=True, slots=True)
class PaymentListing:
    """A payment as lists show it: with its invoice, when it has one, its refunds and its
    disputes, oldest first."""

    payment: Payment
    invoice_id: UUID | None
    refunds: tuple[Refund, ...] = field(default=())
    disputes: tuple[Dispute, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class PaymentFilters:
    status: PaymentStatus | None = None
    gateway: str | None = None
    user_id: UUID | None = None
    course_id: UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    needs_review: bool | None = None


class PaymentRepository(Protocol):
    def add(self, payment: Payment) -> bool:
        """Insert; False (nothing written) when the user already has an open payment for the
        same course, gateway and amount, which the database keeps unique."""
        ...

    def get(self, payment_id: UUID) -> Payment | None: ...

    def get_for_update(self, payment_id: UUID) -> Payment | None:
        """Load and lock the payment so events and refunds apply to it one at a time."""
        ...

    def save(self, payment: Payment) -> None: ...

    def find_open(
        self, user_id: UUID, course_id: UUID, gateway: str, amount: Money
    ) -> Payment | None: ...

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Payment | None: ...

    def find_by_charge(self, gateway: str, charge_reference: str) -> Payment | None: ...

    def has_succeeded_payment(self, user_id: UUID, course_id: UUID) -> bool:
        """Whether the user has paid for the course (a refunded payment no longer counts)."""
        ...

    def latest_customer_reference(self, user_id: UUID, gateway: str) -> str | None:
        """The gateway's customer id kept with the user's most recent payment at that gateway
        that has one."""
        ...

    def payment_id_for_key(self, user_id: UUID, idempotency_key: str) -> UUID | None: ...

    def remember_key(
        self, user_id: UUID, idempotency_key: str, payment_id: UUID, now: datetime
    ) -> UUID:
        """Tie the key to the payment unless it is tied already; returns the payment it names.

        The database keeps (user, key) unique, so concurrent requests agree on one payment.
        """
        ...

    def history(self, user_id: UUID, page: PageRequest) -> Page[PaymentListing]:
        """The user's payments, newest first."""
        ...

    def search(self, filters: PaymentFilters, page: PageRequest) -> Page[PaymentListing]:
        """Every payment matching the filters, newest first."""
        ...

    def pending_created_before(self, cutoff: datetime, limit: int) -> list[Payment]: ...

    def coupon_uses(self, coupon_id: UUID, *, user_id: UUID | None = None) -> CouponUses:
        """The payments carrying the coupon that are succeeded or still pending (all buyers',
        or one buyer's)."""
        ...


class EventOutcome(StrEnum):
    """What handling a gateway event did; recorded with the event."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    HELD_FOR_REVIEW = "held_for_review"
    AMOUNT_MISMATCH = "amount_mismatch"
    GATEWAY_MISMATCH = "gateway_mismatch"
    UNKNOWN_PAYMENT = "unknown_payment"


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    gateway: str
    event_id: str
    kind: GatewayEventKind
    payment_id: UUID | None
    received_at: datetime
    outcome: EventOutcome | None = None
    detail: str = ""


class PaymentEventRepository(Protocol):
    """Every gateway event ever received, once: (gateway, event id) is unique."""

    def record(self, event: RecordedEvent) -> bool:
        """Insert; False when this event was recorded before (a concurrent twin waits for the
        first to commit and then gets False)."""
        ...

    def set_outcome(
        self,
        gateway: str,
        event_id: str,
        outcome: EventOutcome,
        payment_id: UUID | None,
        detail: str = "",
    ) -> None: ...

    def for_payment(self, payment_id: UUID) -> list[RecordedEvent]:
        """The events about one payment, oldest first (the admin's audit trail)."""
        ...


class RefundRepository(Protocol):
    """Refunds, each attempt a row of its own; the gateway's refund id is unique."""

    def add(self, refund: Refund) -> None: ...

    def get(self, refund_id: UUID) -> Refund | None: ...

    def save(self, refund: Refund) -> None: ...

    def for_payment(self, payment_id: UUID) -> list[Refund]:
        """The payment's refunds, oldest first; call with the payment locked to add one."""
        ...

    def for_payments(self, payment_ids: list[UUID]) -> dict[UUID, list[Refund]]:
        """The refunds of several payments at once (for lists), oldest first."""
        ...

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Refund | None: ...

    def open_created_before(self, cutoff: datetime, limit: int) -> list[Refund]:
        """Refunds still pending or awaiting action, oldest first (for reconciliation)."""
        ...


class DisputeRepository(Protocol):
    """Disputes as the gateways report them; the gateway's dispute id is unique."""

    def add(self, dispute: Dispute) -> None: ...

    def save(self, dispute: Dispute) -> None: ...

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Dispute | None: ...

    def for_payment(self, payment_id: UUID) -> list[Dispute]: ...

    def for_payments(self, payment_ids: list[UUID]) -> dict[UUID, list[Dispute]]:
        """The disputes of each payment, oldest first, in one query for a whole page."""
        ...


class RefundRequestRepository(Protocol):
    """Students' refund requests; the database keeps one open request per payment."""

    def add(self, request: RefundRequest) -> bool:
        """Insert; False (nothing written) when the payment has an open request already."""
        ...

    def get(self, request_id: UUID) -> RefundRequest | None: ...

    def get_for_update(self, request_id: UUID) -> RefundRequest | None: ...

    def save(self, request: RefundRequest) -> None: ...

    def page(self, status: RefundRequestStatus | None, page: PageRequest) -> Page[RefundRequest]:
        """Requests with that status (all when None), oldest first so the queue is fair."""
        ...


class InvoiceRepository(Protocol):
    def next_number(self, year: int) -> int:
        """Allocate the year's next sequence number inside the caller's transaction.

        The counter row stays locked until commit, so numbers are unique, and a rolled-back
        transaction gives its number back, so there are no gaps.
        """
        ...

    def add(self, invoice: Invoice) -> None: ...

    def get(self, invoice_id: UUID) -> Invoice | None: ...

    def get_for_payment(self, payment_id: UUID) -> Invoice | None: ...


class EarningRepository(Protocol):
    def add(self, entry: EarningEntry) -> None:
        """Insert; the database allows one sale and one chargeback per payment, and one
        refund entry and one reversal of it per refund."""
        ...

    def sale_for(self, payment_id: UUID) -> EarningEntry | None: ...

    def refund_entry_for(self, refund_id: UUID) -> EarningEntry | None:
        """The entry that booked a succeeded refund, if one was booked."""
        ...

    def for_instructor(self, instructor_id: UUID, page: PageRequest) -> Page[EarningEntry]:
        """The instructor's ledger, newest first."""
        ...

    def totals_for(self, instructor_id: UUID) -> list[EarningTotals]:
        """The instructor's ledger summed per currency, currencies in alphabetical order."""
        ...


class GatewayRegistry(Protocol):
    """The gateways this deployment is configured for, by name."""

    default_name: str

    def get(self, name: str) -> PaymentGateway:
        """The configured gateway; DomainValidationError for an unknown or unconfigured one."""
        ...

    def names(self) -> list[str]: ...


class EventSigner(Protocol):
    """Signs events as a gateway would send them (the fake gateway's checkout page uses it)."""

    def sign_event(
        self, payment_id: UUID, kind: GatewayEventKind, amount: Money
    ) -> tuple[bytes, dict[str, str]]: ...


class InvoiceRenderer(Protocol):
    """Turns an invoice into the PDF the buyer downloads and receives by email."""

    def render_pdf(self, invoice: Invoice) -> bytes: ...


@dataclass(frozen=True, slots=True)
class EventResult:
    event_id: str
    outcome: EventOutcome
    payment_id: UUID | None
    detail: str = ""
