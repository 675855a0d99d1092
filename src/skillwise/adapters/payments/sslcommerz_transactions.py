"""The tran_id under which SSLCOMMERZ knows one of our payments."""

from __future__ import annotations

import base64
import binascii
from uuid import UUID


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
