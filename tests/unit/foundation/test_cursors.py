"""Cursors carry a position back unchanged, and only to the question they were answered to."""

import base64
from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from skillwise.application.shared.cursors import CursorCodec
from skillwise.application.shared.pagination import Position
from skillwise.domain.errors import DomainValidationError

CODEC = CursorCodec(b"test-secret")
QUESTION = "courses:-created_at:no filters"


@pytest.mark.parametrize(
    "key",
    [
        1999,
        4.25,
        Decimal("4.3333333333333333"),
        datetime(2026, 11, 26, 10, 0, 0, 123456, tzinfo=UTC),
        "a title",
    ],
)
def test_a_position_comes_back_exactly_with_its_type(key):
    position = Position(key=key, id=uuid4())
    back = CODEC.decode(CODEC.encode(position, QUESTION), QUESTION)
    assert back == position and type(back.key) is type(key)


def test_the_empty_cursor_asks_for_the_first_page():
    assert CODEC.decode("", QUESTION) is None


def test_a_cursor_is_url_safe_and_opaque():
    cursor = CODEC.encode(Position(key=1999, id=uuid4()), QUESTION)
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def reason(cursor, question=QUESTION, codec=CODEC):
    with pytest.raises(DomainValidationError) as refused:
        codec.decode(cursor, question)
    return refused.value.code


@pytest.mark.parametrize("cursor", ["x", "not a cursor!", "é", "A" * 600, "AAAA"])
def test_a_malformed_cursor_is_refused(cursor):
    assert reason(cursor) == "invalid_cursor"


def test_a_cursor_changed_by_hand_is_refused():
    cursor = CODEC.encode(Position(key=1999, id=uuid4()), QUESTION)
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[raw.index(b"1999")] = ord("2")
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert reason(forged) == "invalid_cursor"


def test_a_cursor_signed_with_another_secret_is_refused():
    cursor = CursorCodec(b"other-secret").encode(Position(key=1, id=uuid4()), QUESTION)
    assert reason(cursor) == "invalid_cursor"


def test_a_cursor_answered_to_another_question_is_refused_as_a_mismatch():
    cursor = CODEC.encode(Position(key=1, id=uuid4()), QUESTION)
    assert reason(cursor, question="courses:price:no filters") == "cursor_mismatch"
