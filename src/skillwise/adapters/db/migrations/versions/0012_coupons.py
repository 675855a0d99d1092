"""Coupons, and payments that keep their price, discount and coupon; a zero total is allowed.

Revision ID: 0012_coupons
Revises: 0011_refunds_and_disputes
"""

import warnings

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0012_coupons"
down_revision = "0011_refunds_and_disputes"
branch_labels = None
depends_on = None

# 0005 named it before the naming convention prefixed it again.
AMOUNT_POSITIVE = ("ck_payments_ck_payments_amount_positive", "amount_minor > 0")
AMOUNT_NOT_NEGATIVE = ("ck_payments_amount_not_negative", "amount_minor >= 0")
PRICE_CHECK = "ck_payments_price_is_amount_plus_discount"


def upgrade() -> None:
    op.create_table(
        "coupons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("course_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("starts_at", UtcDateTime(), nullable=True),
        sa.Column("ends_at", UtcDateTime(), nullable=True),
        sa.Column("max_redemptions", sa.Integer(), nullable=True),
        sa.Column("per_user_limit", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'percent' AND value BETWEEN 1 AND 100 AND currency IS NULL)"
            " OR (kind = 'fixed' AND value > 0 AND currency IS NOT NULL)",
            name=op.f("ck_coupons_kind_value_currency"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_coupons_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_coupons_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupons")),
        sa.UniqueConstraint("code", name=op.f("uq_coupons_code")),
    )
    op.create_index("ix_coupons_course_id", "coupons", ["course_id"])
    op.create_index("ix_coupons_created_by_created_at", "coupons", ["created_by", "created_at"])

    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite_payments()
    else:
        _upgrade_postgres_payments()
    op.create_index(
        "ix_payments_coupon_id_status_user_id", "payments", ["coupon_id", "status", "user_id"]
    )


def _upgrade_postgres_payments() -> None:
    op.add_column("payments", sa.Column("price_minor", sa.BigInteger(), nullable=True))
    op.add_column(
        "payments",
        sa.Column("discount_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column("payments", sa.Column("coupon_id", sa.Uuid(), nullable=True))
    op.add_column("payments", sa.Column("coupon_code", sa.String(40), nullable=True))
    op.execute("UPDATE payments SET price_minor = amount_minor")
    op.alter_column("payments", "price_minor", nullable=False)
    op.create_foreign_key(
        op.f("fk_payments_coupon_id_coupons"), "payments", "coupons", ["coupon_id"], ["id"]
    )
    op.drop_constraint(op.f(AMOUNT_POSITIVE[0]), "payments", type_="check")
    op.create_check_constraint(op.f(AMOUNT_NOT_NEGATIVE[0]), "payments", AMOUNT_NOT_NEGATIVE[1])
    op.create_check_constraint(
        op.f(PRICE_CHECK),
        "payments",
        "discount_minor >= 0 AND price_minor = amount_minor + discount_minor",
    )


def _upgrade_sqlite_payments() -> None:
    # SQLite changes a table's constraints only by copying the table, and a copy of a table
    # that invoices, earnings and events refer to cannot be swapped in while foreign keys are
    # enforced (PRAGMA foreign_keys cannot change inside the migration's transaction). The
    # columns are added in place; the CHECK is relaxed by SQLite's documented procedure for
    # loosening a constraint, editing the stored schema, which leaves every row valid.
    op.add_column(
        "payments",
        sa.Column("price_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column(
        "payments",
        sa.Column("discount_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )
    # Alembic adds no constraint in place on SQLite, but SQLite itself takes a REFERENCES
    # clause on a new column whose default is NULL.
    op.execute(
        "ALTER TABLE payments ADD COLUMN coupon_id CHAR(32)"
        " CONSTRAINT fk_payments_coupon_id_coupons REFERENCES coupons (id)"
    )
    op.add_column("payments", sa.Column("coupon_code", sa.String(40), nullable=True))
    op.execute("UPDATE payments SET price_minor = amount_minor")
    _replace_in_sqlite_schema("payments", AMOUNT_POSITIVE, AMOUNT_NOT_NEGATIVE)


def _replace_in_sqlite_schema(table: str, old: tuple[str, str], new: tuple[str, str]) -> None:
    connection = op.get_bind()
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    before = f"CONSTRAINT {old[0]} CHECK ({old[1]})"
    assert before in sql, f"{table} has the constraint {old[0]}"
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        (sql.replace(before, f"CONSTRAINT {new[0]} CHECK ({new[1]})"), table),
    )
    connection.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")


def downgrade() -> None:
    # Fails while a payment with nothing to pay exists: the schema before coupons has none.
    op.drop_index("ix_payments_coupon_id_status_user_id", table_name="payments")
    columns = ("coupon_code", "coupon_id", "discount_minor", "price_minor")
    if op.get_bind().dialect.name == "sqlite":
        _replace_in_sqlite_schema("payments", AMOUNT_NOT_NEGATIVE, AMOUNT_POSITIVE)
        # SQLite drops a column with a foreign key only by copying the table, which works
        # while no invoice, earning or event refers to a payment. Copying reflects the
        # courses table too, whose expression indexes SQLAlchemy cannot read (nor needs).
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Skipped unsupported reflection")
            with op.batch_alter_table("payments") as batch:
                for column in columns:
                    batch.drop_column(column)
    else:
        op.drop_constraint(op.f(PRICE_CHECK), "payments", type_="check")
        op.drop_constraint(op.f(AMOUNT_NOT_NEGATIVE[0]), "payments", type_="check")
        op.create_check_constraint(op.f(AMOUNT_POSITIVE[0]), "payments", AMOUNT_POSITIVE[1])
        op.drop_constraint(op.f("fk_payments_coupon_id_coupons"), "payments", type_="foreignkey")
        for column in columns:
            op.drop_column("payments", column)
    op.drop_index("ix_coupons_created_by_created_at", table_name="coupons")
    op.drop_index("ix_coupons_course_id", table_name="coupons")
    op.drop_table("coupons")
