"""Migration 0011 on an SQLite database that already holds paid payments with invoices."""

from __future__ import annotations

import sqlite3
from uuid import uuid4

import pytest

from skillwise.adapters.db.migrate import upgrade

pytestmark = pytest.mark.integration

WHEN = "2026-11-26 10:00:00.000000"


def _seed_a_paid_payment(db: sqlite3.Connection) -> str:
    user, course, payment = uuid4().hex, uuid4().hex, uuid4().hex
    db.execute(
        "INSERT INTO users VALUES (?, 'ada@example.com', 'Ada', 'x', 'student', 1, 1, '', NULL, ?)",
        (user, WHEN),
    )
    db.execute(
        "INSERT INTO courses VALUES (?, ?, 'Flask', 'flask', '', '', 'programming', 'beginner',"
        " 'en', 1999, 'USD', NULL, 'published', ?, ?, ?, 0, 0, 1, 0, 0)",
        (course, user, WHEN, WHEN, WHEN),
    )
    db.execute(
        "INSERT INTO payments (id, user_id, course_id, gateway, status, amount_minor, currency,"
        " needs_review, created_at, updated_at) VALUES (?, ?, ?, 'fake', 'succeeded', 1999,"
        " 'USD', 0, ?, ?)",
        (payment, user, course, WHEN, WHEN),
    )
    db.execute(
        "INSERT INTO invoices VALUES (?, 'INV-2026-000001', ?, ?, ?, 'Ada', 'ada@example.com',"
        " 'Flask', 1999, 'USD', 'fake', NULL, ?, ?)",
        (uuid4().hex, payment, user, course, WHEN, WHEN),
    )
    db.commit()
    return payment


def test_upgrading_keeps_paid_payments_whole_and_then_allows_a_zero_total(tmp_path):
    path = tmp_path / "before-coupons.db"
    upgrade(f"sqlite:///{path}", "0011_refunds_and_disputes")
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        payment = _seed_a_paid_payment(db)

    upgrade(f"sqlite:///{path}")

    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute(
        "SELECT price_minor, discount_minor, amount_minor, coupon_id FROM payments WHERE id = ?",
        (payment,),
    ).fetchone() == (1999, 0, 1999, None)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    user, course = db.execute("SELECT user_id, course_id FROM payments").fetchone()
    db.execute(
        "INSERT INTO payments (id, user_id, course_id, gateway, status, amount_minor, currency,"
        " needs_review, created_at, updated_at, price_minor, discount_minor) VALUES (?, ?, ?,"
        " 'fake', 'succeeded', 0, 'USD', 0, ?, ?, 1999, 1999)",
        (uuid4().hex, user, course, WHEN, WHEN),
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO payments (id, user_id, course_id, gateway, status, amount_minor,"
            " currency, needs_review, created_at, updated_at) VALUES (?, ?, ?, 'fake',"
            " 'succeeded', -1, 'USD', 0, ?, ?)",
            (uuid4().hex, user, course, WHEN, WHEN),
        )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM payments WHERE id = ?", (payment,))  # its invoice refers to it
    db.close()
