"""The refunds and coupons migrations on a database that already sold courses: rows written
at 0010_catalog_indexes by raw SQL, as the code of that time wrote them, come out at head as
the code of now would have written them, whether upgraded in one go or in steps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import BigInteger, Boolean, Connection, Engine, String, bindparam, text
from sqlalchemy.types import TypeEngine, Uuid

from skillwise.adapters.db.engine import build_engine
from skillwise.adapters.db.migrate import upgrade
from skillwise.adapters.db.types import UtcDateTime

pytestmark = pytest.mark.integration

BEFORE = "0010_catalog_indexes"
SOLD_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
REFUNDED_AT = datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
_BIND_TYPES: dict[type, TypeEngine[Any]] = {UUID: Uuid(), datetime: UtcDateTime(), bool: Boolean()}


def insert_row(connection: Connection, table: str, **values: Any) -> None:
    """INSERT by hand, binding UUIDs, times and booleans as each database stores them."""
    names = ", ".join(values)
    slots = ", ".join(f":{name}" for name in values)
    statement = text(f"INSERT INTO {table} ({names}) VALUES ({slots})").bindparams(
        *(
            bindparam(name, type_=_BIND_TYPES[type(value)])
            for name, value in values.items()
            if type(value) in _BIND_TYPES
        )
    )
    connection.execute(statement, values)


def select_rows(
    connection: Connection, sql: str, payment_id: UUID, **types: TypeEngine[Any]
) -> list[tuple]:
    """A SELECT by hand about one payment, every selected column typed by name."""
    statement = text(sql).bindparams(bindparam("payment_id", type_=Uuid())).columns(**types)
    return [tuple(row) for row in connection.execute(statement, {"payment_id": payment_id})]


@dataclass
class Sold:
    """What a platform at 0010 held: one course sold four times, one of them refunded."""

    instructor: UUID
    buyer: UUID
    course: UUID
    succeeded: UUID
    refunded: UUID
    pending: UUID
    failed: UUID


def payment_row(connection: Connection, sold: Sold, status: str, **extra: Any) -> UUID:
    payment_id = uuid4()
    insert_row(
        connection,
        "payments",
        id=payment_id,
        user_id=sold.buyer,
        course_id=sold.course,
        gateway="stripe",
        status=status,
        amount_minor=1999,
        currency="USD",
        gateway_reference=f"pi_{payment_id.hex}",
        needs_review=False,
        created_at=SOLD_AT,
        updated_at=extra.pop("updated_at", SOLD_AT),
        **extra,
    )
    return payment_id


def sale_entries(connection: Connection, sold: Sold, payment_id: UUID, *, refunded: bool):
    for kind, sign in [("sale", 1)] + ([("refund", -1)] if refunded else []):
        insert_row(
            connection,
            "earnings",
            id=uuid4(),
            instructor_id=sold.instructor,
            payment_id=payment_id,
            course_id=sold.course,
            kind=kind,
            gross_minor=sign * 1999,
            fee_minor=sign * 400,
            net_minor=sign * 1599,
            currency="USD",
            created_at=REFUNDED_AT if kind == "refund" else SOLD_AT,
        )


def sell_at_0010(connection: Connection) -> Sold:
    sold = Sold(*(uuid4() for _ in range(3)), *(UUID(int=0) for _ in range(4)))
    for user_id, role in ((sold.instructor, "instructor"), (sold.buyer, "student")):
        insert_row(
            connection,
            "users",
            id=user_id,
            email=f"{role}@example.com",
            full_name=role.title(),
            password_hash="x",
            role=role,
            email_verified=True,
            is_active=True,
            bio="",
            date_joined=SOLD_AT,
        )
    insert_row(
        connection,
        "courses",
        id=sold.course,
        instructor_id=sold.instructor,
        title="Flask",
        slug="flask",
        subtitle="",
        description="",
        category="programming",
        level="beginner",
        language="en",
        price_minor=1999,
        currency="USD",
        status="published",
        published_at=SOLD_AT,
        created_at=SOLD_AT,
        updated_at=SOLD_AT,
        rating_count=0,
        rating_sum=0,
        enrollment_count=1,
    )
    sold.succeeded = payment_row(connection, sold, "succeeded", paid_at=SOLD_AT)
    sold.refunded = payment_row(
        connection,
        sold,
        "refunded",
        paid_at=SOLD_AT,
        refunded_at=REFUNDED_AT,
        updated_at=REFUNDED_AT,
    )
    sold.pending = payment_row(connection, sold, "pending")
    sold.failed = payment_row(connection, sold, "failed")
    sale_entries(connection, sold, sold.succeeded, refunded=False)
    sale_entries(connection, sold, sold.refunded, refunded=True)
    insert_row(
        connection,
        "enrollments",
        id=uuid4(),
        user_id=sold.buyer,
        course_id=sold.course,
        status="active",
        started_at=SOLD_AT,
        updated_at=SOLD_AT,
    )
    return sold


@pytest.fixture
def migrated(empty_database_url: str) -> Iterator[tuple[Engine, Sold]]:
    """A database sold at 0010, then upgraded to head."""
    upgrade(empty_database_url, BEFORE)
    engine = build_engine(empty_database_url)
    with engine.begin() as connection:
        sold = sell_at_0010(connection)
    engine.dispose()
    upgrade(empty_database_url)
    yield engine, sold
    engine.dispose()


def payment_columns(connection: Connection, payment_id: UUID) -> tuple:
    [row] = select_rows(
        connection,
        "SELECT amount_minor, price_minor, discount_minor, refunded_minor, coupon_code,"
        " charge_reference FROM payments WHERE id = :payment_id",
        payment_id,
        amount_minor=BigInteger(),
        price_minor=BigInteger(),
        discount_minor=BigInteger(),
        refunded_minor=BigInteger(),
        coupon_code=String(),
        charge_reference=String(),
    )
    return row


def test_every_payment_keeps_its_amount_as_its_price_with_nothing_off(migrated):
    engine, sold = migrated
    with engine.connect() as connection:
        for payment_id in (sold.succeeded, sold.pending, sold.failed):
            assert payment_columns(connection, payment_id) == (1999, 1999, 0, 0, None, None)
        assert payment_columns(connection, sold.refunded) == (1999, 1999, 0, 1999, None, None)


def test_a_payment_refunded_before_has_one_succeeded_refund_in_full(migrated):
    engine, sold = migrated
    with engine.connect() as connection:
        refunds = select_rows(
            connection,
            "SELECT id, amount_minor, currency, status, gateway, gateway_reference,"
            " created_at, settled_at FROM refunds WHERE payment_id = :payment_id",
            sold.refunded,
            id=Uuid(),
            amount_minor=BigInteger(),
            currency=String(),
            status=String(),
            gateway=String(),
            gateway_reference=String(),
            created_at=UtcDateTime(),
            settled_at=UtcDateTime(),
        )
        others = [
            select_rows(
                connection,
                "SELECT id FROM refunds WHERE payment_id = :payment_id",
                payment_id,
                id=Uuid(),
            )
            for payment_id in (sold.succeeded, sold.pending, sold.failed)
        ]

    [(_, *refund)] = refunds
    assert refund == [1999, "USD", "succeeded", "stripe", None, REFUNDED_AT, REFUNDED_AT]
    assert others == [[], [], []]


def test_the_ledger_names_its_entries_as_the_repositories_do(migrated):
    engine, sold = migrated
    with engine.connect() as connection:
        [(refund_id,)] = select_rows(
            connection,
            "SELECT id FROM refunds WHERE payment_id = :payment_id",
            sold.refunded,
            id=Uuid(),
        )
        ledger = {
            payment_id: sorted(
                select_rows(
                    connection,
                    "SELECT kind, entry_key, refund_id FROM earnings"
                    " WHERE payment_id = :payment_id",
                    payment_id,
                    kind=String(),
                    entry_key=String(),
                    refund_id=Uuid(),
                )
            )
            for payment_id in (sold.succeeded, sold.refunded)
        }

    assert ledger[sold.succeeded] == [("sale", "sale", None)]
    assert ledger[sold.refunded] == [
        ("refund", f"refund:{refund_id}", refund_id),
        ("sale", "sale", None),
    ]


def test_enrollments_start_unsuspended(migrated):
    engine, sold = migrated
    with engine.connect() as connection:
        suspended = connection.execute(
            text("SELECT suspended_at FROM enrollments WHERE user_id = :buyer").bindparams(
                bindparam("buyer", type_=Uuid())
            ),
            {"buyer": sold.buyer},
        ).all()
    assert [tuple(row) for row in suspended] == [(None,)]


def refund_ids(connection: Connection, payment_id: UUID) -> list[tuple]:
    return select_rows(
        connection, "SELECT id FROM refunds WHERE payment_id = :payment_id", payment_id, id=Uuid()
    )


def test_a_database_already_past_0011_gets_the_records_and_a_lost_dispute_none(
    empty_database_url,
):
    """Databases upgraded before the records were filled in (0011 to 0014) get them at 0015;
    a payment a lost dispute left refunded has its dispute, and no refund is made up for it."""
    upgrade(empty_database_url, BEFORE)
    engine = build_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            sold = sell_at_0010(connection)
        upgrade(empty_database_url, "0014_invoice_discounts")
        with engine.begin() as connection:
            lost = payment_row(
                connection, sold, "refunded", paid_at=SOLD_AT, price_minor=1999, refunded_minor=1999
            )
            insert_row(
                connection,
                "disputes",
                id=uuid4(),
                payment_id=lost,
                gateway="stripe",
                gateway_reference="dp_lost",
                amount_minor=1999,
                currency="USD",
                status="lost",
                reason="fraudulent",
                created_at=REFUNDED_AT,
                updated_at=REFUNDED_AT,
                closed_at=REFUNDED_AT,
            )
            assert refund_ids(connection, sold.refunded) == []
        upgrade(empty_database_url)
        with engine.connect() as connection:
            assert len(refund_ids(connection, sold.refunded)) == 1
            assert refund_ids(connection, lost) == []
    finally:
        engine.dispose()
