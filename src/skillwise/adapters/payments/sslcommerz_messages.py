"""What SSLCOMMERZ's messages say: IPN signatures, payment statuses, amounts and times."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from skillwise.adapters.payments.sslcommerz_transactions import payment_id_from_transaction_id
from skillwise.application.payments.gateway import GatewayEvent, GatewayEventKind, InvalidWebhook
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money

VALIDATED = ("VALID", "VALIDATED")
FAILURE_KINDS = {"FAILED": GatewayEventKind.FAILED, "CANCELLED": GatewayEventKind.CANCELED}
_HIGH_RISK = "1"

# SSLCOMMERZ writes its timestamps in Bangladesh time, which has no daylight saving.
_GATEWAY_TIMEZONE = timezone(timedelta(hours=6))


def signed_ipn_fields(fields: Mapping[str, str], store_password: str) -> dict[str, str]:
    """The IPN fields its verify_sign vouches for, as SSLCOMMERZ documents the hash."""
    verify_sign = fields.get("verify_sign", "")
    verify_key = fields.get("verify_key", "")
    if not verify_sign or not verify_key:
        raise InvalidWebhook("The IPN carries no verify_sign.")
    signed = {key: fields[key] for key in verify_key.split(",") if key in fields}
    hashed = {**signed, "store_passwd": _md5(store_password)}
    message = "&".join(f"{key}={hashed[key]}" for key in sorted(hashed))
    if not hmac.compare_digest(_md5(message).encode(), verify_sign.encode()):
        raise InvalidWebhook("The IPN's verify_sign does not match its fields.")
    # Fields outside verify_key could have been added or changed on the way.
    if "status" not in signed or "tran_id" not in signed:
        raise InvalidWebhook("The IPN's verify_sign does not cover its status and tran_id.")
    return signed


def failure_event(gateway: str, signed: Mapping[str, str]) -> GatewayEvent | None:
    """The failed or cancelled payment a signed IPN reports; None for any other status."""
    status = signed.get("status")
    if status not in FAILURE_KINDS:
        return None
    tran_id = signed["tran_id"]
    return GatewayEvent(
        gateway=gateway,
        event_id=f"{status}:{tran_id}",
        kind=FAILURE_KINDS[status],
        payment_id=payment_id_from_transaction_id(tran_id),
        gateway_reference=signed.get("bank_tran_id") or None,
        occurred_at=gateway_time(signed.get("tran_date")),
    )


def validated_event(gateway: str, val_id: str, validation: Mapping[str, Any]) -> GatewayEvent:
    """The payment the validation API confirms for `val_id`; raises unless it validated it."""
    status = validation.get("status")
    if status not in VALIDATED:
        raise InvalidWebhook(f"SSLCOMMERZ did not validate this payment: {status}.")
    amount = reported_amount(validation)
    if amount is None:
        raise InvalidWebhook("The validation API reported no amount this app can read.")
    return GatewayEvent(
        gateway=gateway,
        event_id=f"val:{val_id}",
        kind=attempt_kind(validation),
        payment_id=payment_id_from_transaction_id(str(validation.get("tran_id", ""))),
        gateway_reference=validation.get("bank_tran_id") or None,
        amount=amount,
        occurred_at=gateway_time(validation.get("tran_date")),
    )


def attempt_kind(attempt: Mapping[str, Any]) -> GatewayEventKind | None:
    """What one attempt to pay means here; None for a status that moved no money."""
    status = attempt.get("status")
    if status in VALIDATED:
        if str(attempt.get("risk_level")) == _HIGH_RISK:
            return GatewayEventKind.PENDING_REVIEW
        return GatewayEventKind.SUCCEEDED
    return FAILURE_KINDS.get(status)


def reported_amount(attempt: Mapping[str, Any]) -> Money | None:
    """The amount the buyer paid, in the currency the checkout was opened in."""
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


def gateway_time(text: str | None) -> datetime | None:
    """An SSLCOMMERZ timestamp in aware UTC; None when it is missing or unreadable."""
    if not text:
        return None
    try:
        local = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return local.replace(tzinfo=_GATEWAY_TIMEZONE).astimezone(UTC)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()
