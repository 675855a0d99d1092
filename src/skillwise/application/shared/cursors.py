"""Cursors: a keyset position as an opaque, signed token that only its own question accepts.

A token carries the position (sort key and id) and a digest of the question it was answered
to (the ordering and filters, say). It is signed, so a client can neither forge a position nor
carry one over to another question: what a cursor means may change between releases, and
clients are told only that it is a string to send back.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from skillwise.application.shared.pagination import Position, SortKey
from skillwise.domain.errors import DomainValidationError

_SIGNATURE_BYTES = 16
MAX_CURSOR_CHARS = 512


def _invalid() -> DomainValidationError:
    return DomainValidationError(
        "The cursor is not one this list answered; start again without one.",
        code="invalid_cursor",
    )


def _tagged(key: SortKey) -> list[Any]:
    # Each key keeps its type: a Decimal or a timestamp compared as a float or a string would
    # land the next page a little before or after where the last one ended.
    if isinstance(key, bool):
        raise TypeError("A boolean is not a sort key.")
    if isinstance(key, int):
        return ["i", key]
    if isinstance(key, float):
        return ["f", key]
    if isinstance(key, Decimal):
        return ["d", str(key)]
    if isinstance(key, datetime):
        return ["t", key.isoformat()]
    return ["s", key]


def _untagged(tag: Any, value: Any) -> SortKey:
    if tag == "i" and type(value) is int:
        return value
    if tag == "f" and type(value) in (int, float):
        return float(value)
    if tag == "d" and isinstance(value, str):
        return Decimal(value)
    if tag == "t" and isinstance(value, str):
        return datetime.fromisoformat(value)
    if tag == "s" and isinstance(value, str):
        return value
    raise ValueError(tag)


def pack_position(position: Position) -> bytes:
    """A position as bytes to keep server-side (unsigned: never hand these to a client)."""
    return json.dumps([*_tagged(position.key), position.id.hex], separators=(",", ":")).encode()


def unpack_position(packed: bytes) -> Position | None:
    """The position `pack_position` made, or None for bytes it did not make."""
    try:
        tag, key, id_hex = json.loads(packed)
        return Position(key=_untagged(tag, key), id=UUID(hex=id_hex))
    except (ValueError, TypeError, InvalidOperation):
        return None


class CursorCodec:
    def __init__(self, secret: bytes) -> None:
        self._secret = hashlib.sha256(b"skillwise-cursor\n" + secret).digest()

    @staticmethod
    def scope_of(question: str) -> str:
        return hashlib.sha256(question.encode()).hexdigest()[:16]

    def encode(self, position: Position, question: str) -> str:
        payload = json.dumps(
            [self.scope_of(question), *_tagged(position.key), position.id.hex],
            separators=(",", ":"),
        ).encode()
        token = payload + self._signature(payload)
        return base64.urlsafe_b64encode(token).rstrip(b"=").decode()

    def decode(self, cursor: str, question: str) -> Position | None:
        """None for the empty cursor, which asks for the first page."""
        if cursor == "":
            return None
        scope, tag, key, id_hex = self._verified(cursor)
        if scope != self.scope_of(question):
            raise DomainValidationError(
                "The cursor was answered to another ordering or other filters; keep them as "
                "they were, or start again without a cursor.",
                code="cursor_mismatch",
            )
        try:
            return Position(key=_untagged(tag, key), id=UUID(hex=id_hex))
        except (ValueError, TypeError, InvalidOperation) as error:
            raise _invalid() from error

    def _verified(self, cursor: str) -> list[Any]:
        if len(cursor) > MAX_CURSOR_CHARS:
            raise _invalid()
        try:
            token = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError) as error:
            raise _invalid() from error
        payload, signature = token[:-_SIGNATURE_BYTES], token[-_SIGNATURE_BYTES:]
        if not payload or not hmac.compare_digest(signature, self._signature(payload)):
            raise _invalid()
        try:
            fields = json.loads(payload)
        except ValueError as error:
            raise _invalid() from error
        if not isinstance(fields, list) or len(fields) != 4:
            raise _invalid()
        return fields

    def _signature(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]
