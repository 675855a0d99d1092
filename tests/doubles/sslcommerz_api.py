"""A local double of an SSLCOMMERZ store's API (v4), written from the SSLCOMMERZ developer docs.

It serves the session API, the order validation API, the merchant transaction query, the
refund API (which answers a refund as processing, as SSLCOMMERZ does, until `settle_refund`)
and the refund query, keeps every payment attempt in memory, and builds the IPN form
SSLCOMMERZ would POST for an attempt, signed with verify_sign and verify_key as the docs
describe.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.doubles import HttpDouble, ReceivedRequest, json_response

SESSION_PATH = "/gwprocess/v4/api.php"
VALIDATION_PATH = "/validator/api/validationserverAPI.php"
MERCHANT_QUERY_PATH = "/validator/api/merchantTransIDvalidationAPI.php"

MANDATORY_SESSION_FIELDS = (
    "total_amount",
    "currency",
    "tran_id",
    "success_url",
    "fail_url",
    "cancel_url",
    "cus_name",
    "cus_email",
    "cus_add1",
    "cus_city",
    "cus_postcode",
    "cus_country",
    "cus_phone",
    "shipping_method",
    "num_of_item",
    "product_name",
    "product_category",
    "product_profile",
)
PRODUCT_PROFILES = {
    "general",
    "physical-goods",
    "non-physical-goods",
    "airline-tickets",
    "travel-vertical",
    "telecom-vertical",
}
# What the double converts foreign currencies at; SSLCOMMERZ settles in BDT.
BDT_RATES = {"BDT": Decimal("1.0000"), "USD": Decimal("119.5000"), "EUR": Decimal("129.2500")}

# The fields SSLCOMMERZ lists in verify_key, in the order its IPNs carry them.
IPN_SIGNED_FIELDS = (
    "amount",
    "bank_tran_id",
    "base_fair",
    "card_brand",
    "card_issuer",
    "card_issuer_country",
    "card_issuer_country_code",
    "card_no",
    "card_type",
    "currency",
    "currency_amount",
    "currency_rate",
    "currency_type",
    "error",
    "risk_level",
    "risk_title",
    "status",
    "store_amount",
    "store_id",
    "tran_date",
    "tran_id",
    "val_id",
    "value_a",
    "value_b",
    "value_c",
    "value_d",
)

_DHAKA = timezone(timedelta(hours=6))


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def verify_sign(fields: Mapping[str, str], keys: Iterable[str], store_password: str) -> str:
    """md5 of the key-sorted `key=value` pairs named in verify_key, plus md5(store_passwd)."""
    signed = {key: fields[key] for key in keys if key in fields}
    signed["store_passwd"] = md5(store_password)
    return md5("&".join(f"{key}={signed[key]}" for key in sorted(signed)))


class SslcommerzApiDouble(HttpDouble):
    """One SSLCOMMERZ store: its sessions, payment attempts, validations and refunds."""

    def __init__(self, store_id: str, store_password: str) -> None:
        super().__init__()
        self.store_id = store_id
        self.store_password = store_password
        self.sessions: dict[str, dict[str, str]] = {}
        self.attempts: list[dict[str, str]] = []
        self.refunds: dict[str, dict[str, str]] = {}
        # What the refund API answers a new refund: SSLCOMMERZ settles most later.
        self.next_refund_status = "processing"

    def handle(self, request: Request, received: ReceivedRequest) -> Response:
        if received.method == "POST" and received.path == SESSION_PATH:
            return json_response(self._open_session(received.form))
        if received.method == "GET" and received.path == VALIDATION_PATH:
            return json_response(self._validate(received.query))
        if received.method == "GET" and received.path == MERCHANT_QUERY_PATH:
            if "bank_tran_id" in received.query:
                return json_response(self._refund(received.query))
            if "refund_ref_id" in received.query:
                return json_response(self._query_refund(received.query))
            return json_response(self._query_transaction(received.query))
        return Response("Not Found", status=404)

    def _authenticated(self, fields: Mapping[str, str]) -> bool:
        return (
            fields.get("store_id") == self.store_id
            and fields.get("store_passwd") == self.store_password
        )

    def _open_session(self, form: Mapping[str, str]) -> dict[str, Any]:
        if not self._authenticated(form):
            return _session_failure("Store Credential Error Or Store is De-active")
        missing = [name for name in MANDATORY_SESSION_FIELDS if not form.get(name)]
        if missing:
            return _session_failure(f"Mandatory field(s) missing: {', '.join(missing)}")
        if len(form["tran_id"]) > 30:
            return _session_failure("tran_id must not be longer than 30 characters")
        if not re.fullmatch(r"\d{1,8}\.\d{2}", form["total_amount"]):
            return _session_failure("total_amount must be a decimal (10,2)")
        if form["currency"] == "BDT" and not (
            Decimal("10.00") <= Decimal(form["total_amount"]) <= Decimal("500000.00")
        ):
            return _session_failure("The transaction amount must be from 10.00 to 500000.00 BDT")
        if form["currency"] not in BDT_RATES:
            return _session_failure(f"Currency {form['currency']} is not supported")
        if form["product_profile"] not in PRODUCT_PROFILES:
            return _session_failure("product_profile is not one of the documented verticals")
        session_key = secrets.token_hex(16).upper()
        self.sessions[session_key] = dict(form)
        return {
            "status": "SUCCESS",
            "failedreason": "",
            "sessionkey": session_key,
            "gw": {"visa": "city_visa,ebl_visa", "master": "city_master", "mobilebanking": ""},
            "redirectGatewayURL": f"{self.base_url}/gwprocess/v4/bankgw/indexhtml.php",
            "GatewayPageURL": f"{self.base_url}/EasyCheckOut/testcde{session_key}",
            "storeBanner": "",
            "storeLogo": "",
            "desc": [],
            "is_direct_pay_enable": "0",
        }

    def _validate(self, query: Mapping[str, str]) -> dict[str, Any]:
        if not self._authenticated(query):
            return {"APIConnect": "INVALID_REQUEST", "status": "INVALID_TRANSACTION"}
        attempt = self.attempt_by_val_id(query.get("val_id", ""))
        if attempt is None:
            return {"APIConnect": "DONE", "status": "INVALID_TRANSACTION"}
        answer = {
            **attempt,
            "APIConnect": "DONE",
            "validated_on": _gateway_now(),
            "gw_version": "",
        }
        # The first validation of a payment answers VALID, every later one VALIDATED.
        if attempt["status"] == "VALID":
            attempt["status"] = "VALIDATED"
        return answer

    def _query_transaction(self, query: Mapping[str, str]) -> dict[str, Any]:
        if not self._authenticated(query) or not query.get("tran_id"):
            return {"APIConnect": "INVALID_REQUEST"}
        found = [dict(item) for item in self.attempts if item["tran_id"] == query["tran_id"]]
        return {"APIConnect": "DONE", "no_of_trans_found": len(found), "element": found}

    def _refund(self, query: Mapping[str, str]) -> dict[str, Any]:
        if not self._authenticated(query):
            return {"APIConnect": "INVALID_REQUEST"}
        missing = [
            name
            for name in ("refund_trans_id", "refund_amount", "refund_remarks")
            if not query.get(name)
        ]
        if missing:
            return {"APIConnect": "INVALID_REQUEST", "errorReason": f"Missing {missing}"}
        if query["refund_trans_id"] in self.refunds:
            return self.refunds[query["refund_trans_id"]]
        attempt = next(
            (
                item
                for item in self.attempts
                if item["bank_tran_id"] == query["bank_tran_id"]
                and item["status"] in ("VALID", "VALIDATED")
            ),
            None,
        )
        if attempt is None:
            return _refund_failure(query, "Invalid bank_tran_id")
        if Decimal(query["refund_amount"]) > Decimal(attempt["currency_amount"]):
            return _refund_failure(query, "Refund amount exceeds the transaction amount")
        answer = {
            "APIConnect": "DONE",
            "bank_tran_id": query["bank_tran_id"],
            "trans_id": attempt["tran_id"],
            "refund_ref_id": f"RF{secrets.token_hex(8)}",
            "status": self.next_refund_status,
            "errorReason": "",
        }
        self.refunds[query["refund_trans_id"]] = answer
        return answer

    def _query_refund(self, query: Mapping[str, str]) -> dict[str, Any]:
        if not self._authenticated(query):
            return {"APIConnect": "INVALID_REQUEST"}
        answer = next(
            (a for a in self.refunds.values() if a.get("refund_ref_id") == query["refund_ref_id"]),
            None,
        )
        if answer is None:
            return {"APIConnect": "DONE", "status": "", "errorReason": "Invalid refund_ref_id"}
        status = {"success": "refunded"}.get(answer["status"], answer["status"])
        return {
            "APIConnect": "DONE",
            "bank_tran_id": answer["bank_tran_id"],
            "tran_id": answer["trans_id"],
            "refund_ref_id": answer["refund_ref_id"],
            "initiated_on": _gateway_now(),
            "refunded_on": _gateway_now() if status == "refunded" else "",
            "status": status,
            "errorReason": "",
        }

    def settle_refund(self, refund_ref_id: str, status: str) -> None:
        """The bank settles a refund: `refunded` or `cancelled`, as the refund query says."""
        answer = next(a for a in self.refunds.values() if a.get("refund_ref_id") == refund_ref_id)
        answer["status"] = status

    def session_for(self, tran_id: str) -> dict[str, str]:
        """The form of the latest session opened for `tran_id`."""
        forms = [form for form in self.sessions.values() if form["tran_id"] == tran_id]
        return forms[-1]

    def attempt_by_val_id(self, val_id: str) -> dict[str, str] | None:
        return next((item for item in self.attempts if item["val_id"] == val_id), None)

    def pay(self, tran_id: str, *, risk_level: str = "0") -> dict[str, str]:
        """The customer pays the session for `tran_id`; returns the signed IPN form."""
        session = self.session_for(tran_id)
        rate = BDT_RATES[session["currency"]]
        sent = Decimal(session["total_amount"])
        settled = (sent * rate).quantize(Decimal("0.01"))
        attempt = self._attempt(
            session,
            status="VALID",
            val_id=f"{datetime.now(_DHAKA):%y%m%d%H%M%S}{secrets.token_hex(6)}",
            bank_tran_id=f"{datetime.now(_DHAKA):%y%m%d%H%M%S}{secrets.token_hex(8)}",
            amount=f"{settled:.2f}",
            store_amount=f"{settled * Decimal('0.975'):.2f}",
            currency_rate=f"{rate:.4f}",
            card_type="VISA-Dutch Bangla",
            card_no="418117XXXXXX6675",
            card_issuer="STANDARD CHARTERED BANK",
            card_brand="VISA",
            card_issuer_country="Bangladesh",
            card_issuer_country_code="BD",
            risk_level=risk_level,
            risk_title="Safe" if risk_level == "0" else "Risky",
        )
        return self.ipn(attempt)

    def decline(self, tran_id: str) -> dict[str, str]:
        """The payment fails at the bank; returns the signed IPN form."""
        return self.ipn(
            self._attempt(self.session_for(tran_id), status="FAILED", error="Declined by bank")
        )

    def cancel(self, tran_id: str) -> dict[str, str]:
        """The customer cancels on the gateway page; returns the signed IPN form."""
        return self.ipn(
            self._attempt(self.session_for(tran_id), status="CANCELLED", error="Cancelled by User")
        )

    def ipn(
        self,
        fields: Mapping[str, str],
        *,
        store_password: str | None = None,
        signed_keys: Iterable[str] = IPN_SIGNED_FIELDS,
    ) -> dict[str, str]:
        """`fields` as an IPN form, signed with this store's password unless told otherwise."""
        keys = [key for key in signed_keys if key in fields]
        form = {key: str(value) for key, value in fields.items()}
        form["verify_key"] = ",".join(keys)
        form["verify_sign"] = verify_sign(form, keys, store_password or self.store_password)
        return form

    def _attempt(self, session: Mapping[str, str], **details: str) -> dict[str, str]:
        attempt = {
            "tran_id": session["tran_id"],
            "tran_date": _gateway_now(),
            "val_id": "",
            "bank_tran_id": "",
            "error": "",
            "amount": session["total_amount"],
            "store_amount": "0.00",
            "currency": "BDT",
            "currency_type": session["currency"],
            "currency_amount": session["total_amount"],
            "currency_rate": "1.0000",
            "base_fair": "0.00",
            "store_id": self.store_id,
            "value_a": session.get("value_a", ""),
            "value_b": session.get("value_b", ""),
            "value_c": session.get("value_c", ""),
            "value_d": session.get("value_d", ""),
            **details,
        }
        self.attempts.append(attempt)
        return attempt


def _session_failure(reason: str) -> dict[str, Any]:
    return {"status": "FAILED", "failedreason": reason, "sessionkey": "", "GatewayPageURL": ""}


def _refund_failure(query: Mapping[str, str], reason: str) -> dict[str, str]:
    return {
        "APIConnect": "DONE",
        "bank_tran_id": query["bank_tran_id"],
        "status": "failed",
        "errorReason": reason,
    }


def _gateway_now() -> str:
    return datetime.now(UTC).astimezone(_DHAKA).strftime("%Y-%m-%d %H:%M:%S")
