"""The port every payment gateway adapter (fake, Stripe, SSLCOMMERZ) implements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol
from uuid import UUID

from skillwise.domain.disputes import DisputeStatus
from skillwise.domain.errors import DomainError
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus


class InvalidWebhook(DomainError):
    """The webhook's signature or validation did not check out; nothing was applied."""

    code = "invalid_webhook"


class GatewayUnavailable(DomainError):
    """The payment gateway could not be reached or refused the request."""

    code = "gateway_unavailable"


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    """What a gateway needs to start collecting one payment."""

    payment_id: UUID
    amount: Money
    course_id: UUID
    course_title: str
    customer_id: UUID
    customer_email: str
    customer_name: str
    # The gateway's own id for this buyer, known from an earlier payment at that gateway, so
    # the buyer stays one customer there (Stripe keeps saved cards per customer).
    customer_reference: str | None = None


@dataclass(frozen=True, slots=True)
class CheckoutSession:
    """What the gateway answered; the app uses client_secret (Stripe) or checkout_url."""

    gateway_reference: str
    client_secret: str | None = None
    checkout_url: str | None = None
    publishable_key: str | None = None
    customer_reference: str | None = None
    ephemeral_key: str | None = None


class GatewayEventKind(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    # The charge was refunded in part or in full. Stripe says so as soon as a refund is
    # created, still pending, so it moves nothing: refunds settle by REFUND_UPDATED.
    REFUNDED = "refunded"
    PENDING_REVIEW = "pending_review"
    REFUND_UPDATED = "refund_updated"
    DISPUTE_UPDATED = "dispute_updated"


@dataclass(frozen=True, slots=True)
class RefundUpdate:
    """What the gateway says about one refund now."""

    gateway_reference: str
    status: RefundStatus
    amount: Money
    # Ours, when the refund was made through this app (kept in the gateway's metadata).
    refund_id: UUID | None = None
    failure_reason: str | None = None


@dataclass(frozen=True, slots=True)
class DisputeUpdate:
    """What the gateway says about one dispute now."""

    gateway_reference: str
    status: DisputeStatus
    amount: Money
    charge_reference: str | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class GatewayEvent:
    """One verified fact from a gateway about one of our payments (found by `payment_id`,
    else by `gateway_reference`, else by `charge_reference`)."""

    gateway: str
    event_id: str
    kind: GatewayEventKind
    payment_id: UUID | None
    gateway_reference: str | None
    amount: Money | None = None
    occurred_at: datetime | None = None
    charge_reference: str | None = None
    refund: RefundUpdate | None = None
    dispute: DisputeUpdate | None = None


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    """An incoming webhook as received: header names lower-cased, the raw body untouched."""

    headers: Mapping[str, str]
    body: bytes
    form: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RefundInstruction:
    """One refund attempt; its `refund_id` is its idempotency key at the gateway, so a new
    attempt after a failed one is a new refund there rather than a replay of the failure."""

    refund_id: UUID
    payment_id: UUID
    gateway_reference: str
    amount: Money
    reason: str = ""


@dataclass(frozen=True, slots=True)
class RefundResult:
    refund_reference: str
    status: RefundStatus
    failure_reason: str | None = None


@dataclass(frozen=True, slots=True)
class GatewayPaymentState:
    """What the gateway says about a payment when asked (for reconciliation)."""

    kind: GatewayEventKind | None
    gateway_reference: str | None
    amount: Money | None = None


class CancelOutcome(StrEnum):
    """What asking a gateway to cancel an open payment came to."""

    # The gateway takes no money for it any more (or never had a checkout to take it with).
    CANCELED = "canceled"
    # Too late: the buyer paid first, so the payment is to be fulfilled, not expired.
    SUCCEEDED = "succeeded"
    # The gateway is still settling an attempt to pay; ask again later.
    IN_PROGRESS = "in_progress"
    # The gateway has no way to cancel (an SSLCOMMERZ session): a success may still come.
    NOT_CANCELABLE = "not_cancelable"


@dataclass(frozen=True, slots=True)
class CancelResult:
    outcome: CancelOutcome
    gateway_reference: str | None = None
    # What the gateway received, when it says the payment succeeded after all.
    amount: Money | None = None


class PaymentGateway(Protocol):
    """A payment service provider seen from the application."""

    name: str

    def charges_in(self, currency: str) -> bool:
        """Whether this gateway takes payments in the currency at all."""
        ...

    def ensure_chargeable(self, amount: Money) -> None:
        """Refuse, before anything is sent, an amount this gateway would turn down:
        CurrencyNotSupported, AmountOutOfRange or AmountNotChargeable."""
        ...

    def start_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        """Open a checkout for one payment; safe to repeat for the same payment id."""
        ...

    def renew_checkout(self, session: CheckoutSession) -> CheckoutSession:
        """The checkout opened earlier for a payment, with its short-lived credentials issued
        anew (a Stripe ephemeral key lasts about an hour); a gateway without any returns it as
        it is."""
        ...

    def parse_webhook(self, request: WebhookRequest) -> list[GatewayEvent]:
        """Verify an incoming webhook and translate it; raise InvalidWebhook when it fails."""
        ...

    def refund(self, instruction: RefundInstruction) -> RefundResult:
        """Ask for a refund of a captured payment; safe to repeat for the same refund id.

        The answer is often still pending: the refund settles later, as its events or
        `refund_status` tell."""
        ...

    def refund_status(self, refund_reference: str, refund_id: UUID) -> RefundResult:
        """Ask the gateway where a refund it acknowledged stands now."""
        ...

    def lookup(self, payment_id: UUID, gateway_reference: str | None) -> GatewayPaymentState:
        """Ask the gateway for the current state of a payment."""
        ...

    def payment_reference_of_charge(self, charge_reference: str) -> str | None:
        """Ask the gateway which payment (its `gateway_reference`) one of its charges
        collected; None when it knows no such charge, or has no charges of its own."""
        ...

    def cancel(self, payment_id: UUID, gateway_reference: str | None) -> CancelResult:
        """Stop the gateway from taking money for an open payment; safe to repeat. Raises
        GatewayUnavailable when the gateway could not say."""
        ...
