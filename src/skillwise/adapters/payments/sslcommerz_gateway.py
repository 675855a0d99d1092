"""PaymentGateway adapter for the SSLCOMMERZ hosted checkout (API v4): its HTTP calls.

What the messages mean (signatures, statuses, amounts) is read in sslcommerz_messages.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import requests

from skillwise.adapters.payments.sslcommerz_amounts import CURRENCIES, ensure_sslcommerz_charges
from skillwise.adapters.payments.sslcommerz_messages import (
    VALIDATED,
    attempt_kind,
    failure_event,
    reported_amount,
    signed_ipn_fields,
    validated_event,
)
from skillwise.adapters.payments.sslcommerz_transactions import transaction_id
from skillwise.application.payments.gateway import (
    CancelOutcome,
    CancelResult,
    CheckoutRequest,
    CheckoutSession,
    GatewayEvent,
    GatewayEventKind,
    GatewayPaymentState,
    GatewayUnavailable,
    InvalidWebhook,
    RefundInstruction,
    RefundResult,
    WebhookRequest,
)
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus

SANDBOX_API_BASE = "https://sandbox.sslcommerz.com"

_SESSION_PATH = "/gwprocess/v4/api.php"
_VALIDATION_PATH = "/validator/api/validationserverAPI.php"
_MERCHANT_QUERY_PATH = "/validator/api/merchantTransIDvalidationAPI.php"

# The refund API answers success or processing (settling later), or failed; its refund
# query answers refunded, processing or cancelled.
_REFUND_STATUSES = {
    "success": RefundStatus.SUCCEEDED,
    "refunded": RefundStatus.SUCCEEDED,
    "processing": RefundStatus.PENDING,
    "failed": RefundStatus.FAILED,
    "cancelled": RefundStatus.CANCELED,
}

# The session API takes a customer's address, city, postcode and phone as mandatory fields;
# a course sold to a mobile app has none of them to give.
_CUSTOMER_PLACEHOLDERS = {
    "cus_add1": "N/A",
    "cus_city": "N/A",
    "cus_postcode": "0000",
    "cus_country": "Bangladesh",
    "cus_phone": "N/A",
}


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

    def charges_in(self, currency: str) -> bool:
        return currency in CURRENCIES

    def ensure_chargeable(self, amount: Money) -> None:
        ensure_sslcommerz_charges(amount)

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
        signed = signed_ipn_fields(fields, self._store_password)
        if signed.get("status") in VALIDATED:
            return [self._validated_event(fields.get("val_id", ""))]
        failure = failure_event(self.name, signed)
        # UNATTEMPTED and EXPIRED sessions moved no money and change nothing here.
        return [failure] if failure is not None else []

    def refund(self, instruction: RefundInstruction) -> RefundResult:
        answer = self._call(
            "GET",
            _MERCHANT_QUERY_PATH,
            params={
                **self._credentials(),
                "bank_tran_id": instruction.gateway_reference,
                # Mandatory since February 2025 and unique per refund: each attempt is a refund
                # of its own, and repeating one cannot refund twice.
                "refund_trans_id": f"R{transaction_id(instruction.refund_id)}",
                "refund_amount": instruction.amount.to_decimal_string(),
                "refund_remarks": instruction.reason or "Refund",
                "refe_id": str(instruction.payment_id),
                "v": "1",
                "format": "json",
            },
        )
        if answer.get("APIConnect") != "DONE":
            raise GatewayUnavailable(
                f"SSLCOMMERZ refused the refund request: {answer.get('APIConnect')}"
            )
        return self._refund_result(answer, answer.get("refund_ref_id") or "")

    def refund_status(self, refund_reference: str, refund_id: UUID) -> RefundResult:
        answer = self._call(
            "GET",
            _MERCHANT_QUERY_PATH,
            params={**self._credentials(), "refund_ref_id": refund_reference, "format": "json"},
        )
        if answer.get("APIConnect") != "DONE":
            raise GatewayUnavailable(
                f"SSLCOMMERZ refused the refund query: {answer.get('APIConnect')}"
            )
        return self._refund_result(answer, refund_reference)

    @staticmethod
    def _refund_result(answer: dict[str, Any], reference: str) -> RefundResult:
        status = _REFUND_STATUSES.get(str(answer.get("status", "")).lower())
        if status is None:
            raise GatewayUnavailable(
                f"SSLCOMMERZ answered a refund status this app does not know: "
                f"{answer.get('status')!r}"
            )
        return RefundResult(
            refund_reference=reference,
            status=status,
            failure_reason=answer.get("errorReason") or None,
        )

    def payment_reference_of_charge(self, charge_reference: str) -> str | None:
        # SSLCOMMERZ has no disputes by webhook and no charge apart from its transaction.
        return None

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
        attempt = next((item for item in attempts if item.get("status") in VALIDATED), attempts[0])
        return GatewayPaymentState(
            kind=attempt_kind(attempt),
            gateway_reference=attempt.get("bank_tran_id") or None,
            amount=reported_amount(attempt),
        )

    def cancel(self, payment_id: UUID, gateway_reference: str | None) -> CancelResult:
        # A hosted session cannot be closed through the API. One paid already is fulfilled;
        # otherwise a buyer may still pay before it lapses, and HandlePaymentEvent honours that.
        state = self.lookup(payment_id, gateway_reference)
        if state.kind is GatewayEventKind.SUCCEEDED:
            return CancelResult(CancelOutcome.SUCCEEDED, state.gateway_reference, state.amount)
        return CancelResult(CancelOutcome.NOT_CANCELABLE, gateway_reference)

    def _validated_event(self, val_id: str) -> GatewayEvent:
        if not val_id:
            raise InvalidWebhook("A successful IPN must carry a val_id to validate.")
        validation = self._call(
            "GET",
            _VALIDATION_PATH,
            params={**self._credentials(), "val_id": val_id, "v": "1", "format": "json"},
        )
        return validated_event(self.name, val_id, validation)

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
