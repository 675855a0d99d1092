"""A payment gateway that needs no account anywhere: the embedded default for development."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from uuid import UUID

from skillwise.application.payments.gateway import (
    CancelOutcome,
    CancelResult,
    CheckoutRequest,
    CheckoutSession,
    GatewayEvent,
    GatewayEventKind,
    GatewayPaymentState,
    InvalidWebhook,
    RefundInstruction,
    RefundResult,
    WebhookRequest,
)
from skillwise.domain.currencies import is_iso_currency
from skillwise.domain.errors import CurrencyNotSupported, DomainValidationError
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus

SIGNATURE_HEADER = "skillwise-signature"
TOLERANCE_SECONDS = 300


class FakeGateway:
    """Signs and verifies its own webhooks the way Stripe does, so the payment flow runs offline."""

    name = "fake"

    def __init__(self, secret_key: str, public_url: str) -> None:
        if not secret_key:
            raise ValueError("The fake gateway needs a secret key to sign its webhooks.")
        self._secret_key = secret_key.encode()
        self._public_url = public_url.rstrip("/")

    def charges_in(self, currency: str) -> bool:
        # Development prices in any currency, so every ISO 4217 one can be tried here.
        return is_iso_currency(currency)

    def ensure_chargeable(self, amount: Money) -> None:
        if not self.charges_in(amount.currency):
            raise CurrencyNotSupported(f"{amount.currency} is not an ISO 4217 currency.")

    def start_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        return CheckoutSession(
            gateway_reference=_reference(request.payment_id),
            checkout_url=(
                f"{self._public_url}/api/v1/payments/fake/checkout/{request.payment_id}/"
            ),
        )

    def renew_checkout(self, session: CheckoutSession) -> CheckoutSession:
        # The checkout page carries no credentials of the buyer's to renew.
        return session

    def sign_event(
        self,
        payment_id: UUID,
        kind: GatewayEventKind,
        amount: Money,
        *,
        timestamp: int | None = None,
        event_id: str | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """A webhook body and its headers, as the fake checkout page delivers them (tests
        name other events with `event_id`)."""
        signed_at = int(time.time()) if timestamp is None else timestamp
        body = json.dumps(
            {
                # One id per payment and outcome, so a double-submitted checkout page
                # delivers the same event twice rather than two different ones.
                "id": event_id or f"evt_{kind.value}_{payment_id.hex}",
                "type": kind.value,
                "payment_id": str(payment_id),
                "amount": amount.amount_minor,
                "currency": amount.currency,
                "created": signed_at,
            }
        ).encode()
        signature = self._signature(signed_at, body)
        return body, {
            SIGNATURE_HEADER: f"t={signed_at},v1={signature}",
            "content-type": "application/json",
        }

    def parse_webhook(self, request: WebhookRequest) -> list[GatewayEvent]:
        self._verify(request.headers.get(SIGNATURE_HEADER), request.body)
        try:
            payload = json.loads(request.body)
            payment_id = UUID(payload["payment_id"])
            return [
                GatewayEvent(
                    gateway=self.name,
                    event_id=str(payload["id"]),
                    kind=GatewayEventKind(payload["type"]),
                    payment_id=payment_id,
                    gateway_reference=_reference(payment_id),
                    amount=Money(payload["amount"], payload["currency"]),
                    occurred_at=datetime.fromtimestamp(payload["created"], UTC),
                )
            ]
        except (
            ValueError,
            KeyError,
            TypeError,
            OverflowError,
            OSError,
            DomainValidationError,
        ) as error:
            raise InvalidWebhook("The webhook body is not a fake gateway event.") from error

    def refund(self, instruction: RefundInstruction) -> RefundResult:
        # No money moves here, so a refund succeeds as soon as it is asked for.
        return RefundResult(
            refund_reference=f"fake_re_{instruction.refund_id.hex}", status=RefundStatus.SUCCEEDED
        )

    def refund_status(self, refund_reference: str, refund_id: UUID) -> RefundResult:
        return RefundResult(refund_reference=refund_reference, status=RefundStatus.SUCCEEDED)

    def lookup(self, payment_id: UUID, gateway_reference: str | None) -> GatewayPaymentState:
        # The fake gateway keeps no state: only its webhooks say what happened.
        return GatewayPaymentState(kind=None, gateway_reference=gateway_reference)

    def payment_reference_of_charge(self, charge_reference: str) -> str | None:
        # Its events always name the payment; it has no charges to look up.
        return None

    def cancel(self, payment_id: UUID, gateway_reference: str | None) -> CancelResult:
        # Its checkout page takes payment only for a payment still open here, so once the
        # payment is canceled nothing can be paid on it.
        return CancelResult(CancelOutcome.CANCELED, gateway_reference)

    def _signature(self, timestamp: int, body: bytes) -> str:
        return hmac.new(
            self._secret_key, f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()

    def _verify(self, header: str | None, body: bytes) -> None:
        if not header:
            raise InvalidWebhook(f"The {SIGNATURE_HEADER} header is missing.")
        timestamp, signatures = _parse_signature_header(header)
        expected = self._signature(timestamp, body)
        if not any(
            hmac.compare_digest(expected.encode(), candidate.encode()) for candidate in signatures
        ):
            raise InvalidWebhook("The webhook signature does not match its body.")
        if abs(time.time() - timestamp) > TOLERANCE_SECONDS:
            raise InvalidWebhook("The webhook timestamp is outside the five-minute tolerance.")


def _reference(payment_id: UUID) -> str:
    return f"fake_{payment_id.hex}"


def _parse_signature_header(header: str) -> tuple[int, list[str]]:
    pairs = [item.split("=", 1) for item in header.split(",") if "=" in item]
    timestamps = [value for key, value in pairs if key.strip() == "t"]
    signatures = [value for key, value in pairs if key.strip() == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
        raise InvalidWebhook(f"The {SIGNATURE_HEADER} header is malformed.")
    return int(timestamps[0]), signatures
