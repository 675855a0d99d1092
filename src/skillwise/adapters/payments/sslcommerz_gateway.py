"""PaymentGateway adapter for the SSLCOMMERZ hosted checkout (API v4)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import requests

from skillwise.application.payments.gateway import (
    CheckoutRequest,
    CheckoutSession,
    GatewayEvent,
    GatewayEventKind,
    GatewayPaymentState,
    GatewayUnavailable,
    InvalidWebhook,
    RefundRequest,
    RefundResult,
    WebhookRequest,
)
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money

SANDBOX_API_BASE = "https://sandbox.sslcommerz.com"

_SESSION_PATH = "/gwprocess/v4/api.php"
_VALIDATION_PATH = "/validator/api/validationserverAPI.php"
_MERCHANT_QUERY_PATH = "/validator/api/merchantTransIDvalidationAPI.php"

_VALIDATED = ("VALID", "VALIDATED")
_FAILURE_KINDS = {"FAILED": GatewayEventKind.FAILED, "CANCELLED": GatewayEventKind.CANCELED}
_HIGH_RISK = "1"

# SSLCOMMERZ writes its timestamps in Bangladesh time, which has no daylight saving.
_GATEWAY_TIMEZONE = timezone(timedelta(hours=6))

# The session API takes a customer's address, city, postcode and phone as mandatory fields;
# a course sold to a mobile app has none of them to give.
_CUSTOMER_PLACEHOLDERS = {
    "cus_add1": "N/A",
    "cus_city": "N/A",
    "cus_postcode": "0000",
    "cus_country": "Bangladesh",
    "cus_phone": "N/A",
}


def transaction_id(payment_id: UUID) -> str:
    """The tran_id SSLCOMMERZ knows a payment by.

    SSLCOMMERZ caps tran_id at 30 characters and a UUID is written with 36, so the payment id
    travels as its 26-character base32 form instead, which maps back without a lookup.
    """
    return base64.b32encode(payment_id.bytes).decode().rstrip("=")


def payment_id_from_transaction_id(tran_id: str) -> UUID | None:
    """The payment a tran_id stands for, or None when it is not one of ours."""
    try:
        payment_id = UUID(bytes=base64.b32decode(tran_id + "=" * (-len(tran_id) % 8)))
    except (binascii.Error, ValueError):
        return None
    # base32 leaves two spare bits in the last character; only the canonical spelling counts.
    return payment_id if transaction_id(payment_id) == tran_id else None


class SslcommerzGateway:
    """Takes SSLCOMMERZ payments, believing an IPN only once its validation API says so."""

    name = "sslcommerz"

    def __init__(
        self,
        store_id: str,
        store_password: str,
        api_base: str = SANDBOX_API_BASE,
        *,
        public_url: str,
        http: requests.Session | None = None,
        timeout_seconds: float = 15,
    ) -> None:
        self._store_id = store_id
        self._store_password = store_password
        self._api_base = api_base.rstrip("/")
        self._public_url = public_url.rstrip("/")
        self._http = http or requests.Session()
        self._timeout_seconds = timeout_seconds

    def start_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        tran_id = transaction_id(request.payment_id)
        payments_url = f"{self._public_url}/api/v1/payments"
        answer = self._call(
            "POST",
            _SESSION_PATH,
            data={
                **self._credentials(),
                "total_amount": request.amount.to_decimal_string(),
                "currency": request.amount.currency,
                "tran_id": tran_id,
                "success_url": f"{payments_url}/sslcommerz/success/",
                "fail_url": f"{payments_url}/sslcommerz/fail/",
                "cancel_url": f"{payments_url}/sslcommerz/cancel/",
                "ipn_url": f"{payments_url}/webhook/sslcommerz/",
                "cus_name": request.customer_name[:50],
                "cus_email": request.customer_email[:50],
                **_CUSTOMER_PLACEHOLDERS,
                "shipping_method": "NO",
                "num_of_item": "1",
                "product_name": request.course_title[:255],
                "product_category": "Online course",
                "product_profile": "non-physical-goods",
                "value_a": str(request.payment_id),
            },
        )
        if answer.get("status") != "SUCCESS" or not answer.get("GatewayPageURL"):
            reason = answer.get("failedreason") or "no reason given"
            raise GatewayUnavailable(f"SSLCOMMERZ refused to open a session: {reason}")
        return CheckoutSession(gateway_reference=tran_id, checkout_url=answer["GatewayPageURL"])

    def renew_checkout(self, session: CheckoutSession) -> CheckoutSession:
        # The hosted checkout page carries no credentials of the buyer's to renew.
        return session

    def parse_webhook(self, request: WebhookRequest) -> list[GatewayEvent]:
        fields = dict(request.form)
        signed = self._signed_fields(fields)
        status = signed.get("status")
        if status in _VALIDATED:
            return [self._validated_event(fields.get("val_id", ""))]
        if status in _FAILURE_KINDS:
            tran_id = signed["tran_id"]
            return [
                GatewayEvent(
                    gateway=self.name,
                    event_id=f"{status}:{tran_id}",
                    kind=_FAILURE_KINDS[status],
                    payment_id=payment_id_from_transaction_id(tran_id),
                    gateway_reference=signed.get("bank_tran_id") or None,
                    occurred_at=_gateway_time(signed.get("tran_date")),
                )
            ]
        # UNATTEMPTED and EXPIRED sessions moved no money and change nothing here.
        return []

    def refund(self, request: RefundRequest) -> RefundResult:
        answer = self._call(
            "GET",
            _MERCHANT_QUERY_PATH,
            params={
                **self._credentials(),
                "bank_tran_id": request.gateway_reference,
                # Mandatory since February 2025 and unique per refund; one refund per payment
                # keeps a repeated call from refunding twice.
                "refund_trans_id": f"R{transaction_id(request.payment_id)}",
                "refund_amount": request.amount.to_decimal_string(),
                "refund_remarks": request.reason or "Refund",
                "refe_id": str(request.payment_id),
                "v": "1",
                "format": "json",
            },
        )
        if answer.get("APIConnect") != "DONE":
            raise GatewayUnavailable(
                f"SSLCOMMERZ refused the refund request: {answer.get('APIConnect')}"
            )
        return RefundResult(
            refund_reference=answer.get("refund_ref_id") or "",
            succeeded=answer.get("status") in ("success", "processing"),
        )

    def lookup(self, payment_id: UUID, gateway_reference: str | None) -> GatewayPaymentState:
        answer = self._call(
            "GET",
            _MERCHANT_QUERY_PATH,
            params={
                **self._credentials(),
                "tran_id": transaction_id(payment_id),
                "v": "1",
                "format": "json",
            },
        )
        if answer.get("APIConnect") != "DONE":
            raise GatewayUnavailable(
                f"SSLCOMMERZ refused the transaction query: {answer.get('APIConnect')}"
            )
        attempts = answer.get("element") or []
        if not attempts:
            return GatewayPaymentState(kind=None, gateway_reference=None)
        # A customer may try several times under one tran_id; a validated attempt wins.
        attempt = next((item for item in attempts if item.get("status") in _VALIDATED), attempts[0])
        return GatewayPaymentState(
            kind=_attempt_kind(attempt),
            gateway_reference=attempt.get("bank_tran_id") or None,
            amount=_reported_amount(attempt),
        )

    def _validated_event(self, val_id: str) -> GatewayEvent:
        if not val_id:
            raise InvalidWebhook("A successful IPN must carry a val_id to validate.")
        validation = self._call(
            "GET",
            _VALIDATION_PATH,
            params={**self._credentials(), "val_id": val_id, "v": "1", "format": "json"},
        )
        status = validation.get("status")
        if status not in _VALIDATED:
            raise InvalidWebhook(f"SSLCOMMERZ did not validate this payment: {status}.")
        amount = _reported_amount(validation)
        if amount is None:
            raise InvalidWebhook("The validation API reported no amount this app can read.")
        return GatewayEvent(
            gateway=self.name,
            event_id=f"val:{val_id}",
            kind=_attempt_kind(validation),
            payment_id=payment_id_from_transaction_id(str(validation.get("tran_id", ""))),
            gateway_reference=validation.get("bank_tran_id") or None,
            amount=amount,
            occurred_at=_gateway_time(validation.get("tran_date")),
        )

    def _signed_fields(self, fields: Mapping[str, str]) -> dict[str, str]:
        """The IPN fields its verify_sign vouches for, as SSLCOMMERZ documents the hash."""
        verify_sign = fields.get("verify_sign", "")
        verify_key = fields.get("verify_key", "")
        if not verify_sign or not verify_key:
            raise InvalidWebhook("The IPN carries no verify_sign.")
        signed = {key: fields[key] for key in verify_key.split(",") if key in fields}
        hashed = {**signed, "store_passwd": _md5(self._store_password)}
        message = "&".join(f"{key}={hashed[key]}" for key in sorted(hashed))
        if not hmac.compare_digest(_md5(message).encode(), verify_sign.encode()):
            raise InvalidWebhook("The IPN's verify_sign does not match its fields.")
        # Fields outside verify_key could have been added or changed on the way.
        if "status" not in signed or "tran_id" not in signed:
            raise InvalidWebhook("The IPN's verify_sign does not cover its status and tran_id.")
        return signed

    def _credentials(self) -> dict[str, str]:
        return {"store_id": self._store_id, "store_passwd": self._store_password}

    def _call(self, method: str, path: str, **arguments: Any) -> dict[str, Any]:
        # Messages leave out requests' own text: it quotes the URL, store password included.
        try:
            response = self._http.request(
                method, f"{self._api_base}{path}", timeout=self._timeout_seconds, **arguments
            )
        except requests.RequestException as error:
            raise GatewayUnavailable(
                f"SSLCOMMERZ could not be reached ({type(error).__name__})."
            ) from error
        if not response.ok:
            raise GatewayUnavailable(f"SSLCOMMERZ answered HTTP {response.status_code}.")
        try:
            answer = response.json()
        except ValueError as error:
            raise GatewayUnavailable("SSLCOMMERZ did not answer in JSON.") from error
        if not isinstance(answer, dict):
            raise GatewayUnavailable("SSLCOMMERZ answered with something other than an object.")
        return answer


def _attempt_kind(attempt: Mapping[str, Any]) -> GatewayEventKind | None:
    status = attempt.get("status")
    if status in _VALIDATED:
        if str(attempt.get("risk_level")) == _HIGH_RISK:
            return GatewayEventKind.PENDING_REVIEW
        return GatewayEventKind.SUCCEEDED
    return _FAILURE_KINDS.get(status)


def _reported_amount(attempt: Mapping[str, Any]) -> Money | None:
    # amount and currency are what settles in BDT after conversion; currency_amount and
    # currency_type repeat what the session was opened with.
    amount = attempt.get("currency_amount") or attempt.get("amount")
    currency = attempt.get("currency_type") or attempt.get("currency")
    if not amount or not currency:
        return None
    try:
        return Money.from_decimal_string(str(amount), str(currency))
    except DomainValidationError:
        return None


def _gateway_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        local = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return local.replace(tzinfo=_GATEWAY_TIMEZONE).astimezone(UTC)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()
