"""Refunds as records of their own, disputes, refund requests; partial refunds in the ledger.

Revision ID: 0011_refunds_and_disputes
Revises: 0010_catalog_indexes
"""

import warnings

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0011_refunds_and_disputes"
down_revision = "0010_catalog_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "refund_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(1000), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.String(1000), nullable=False),
        sa.Column("decided_by", sa.Uuid()),
        sa.Column("refund_id", sa.Uuid()),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("decided_at", UtcDateTime()),
        sa.CheckConstraint(
            "status IN ('open', 'approved', 'rejected')", name="ck_refund_requests_status"
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_refund_requests_payment_id_payments"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_refund_requests_user_id_users"),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name="fk_refund_requests_decided_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_refund_requests"),
    )
    op.create_index("ix_refund_requests_payment_id", "refund_requests", ["payment_id"])
    op.create_index(
        "ix_refund_requests_status_created_at", "refund_requests", ["status", "created_at"]
    )
    op.create_index(
        "uq_refund_requests_open_payment",
        "refund_requests",
        ["payment_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
        sqlite_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "refunds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("gateway", sa.String(20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("requested_by", sa.Uuid()),
        sa.Column("refund_request_id", sa.Uuid()),
        sa.Column("gateway_reference", sa.String(255)),
        sa.Column("failure_reason", sa.String(200)),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("settled_at", UtcDateTime()),
        sa.CheckConstraint(
            "status IN ('pending', 'requires_action', 'succeeded', 'failed', 'canceled')",
            name="ck_refunds_status",
        ),
        sa.CheckConstraint("amount_minor > 0", name="ck_refunds_amount_positive"),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_refunds_payment_id_payments"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name="fk_refunds_requested_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["refund_request_id"],
            ["refund_requests.id"],
            name="fk_refunds_refund_request_id_refund_requests",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_refunds"),
        sa.UniqueConstraint(
            "gateway", "gateway_reference", name="uq_refunds_gateway_gateway_reference"
        ),
    )
    op.create_index("ix_refunds_payment_id", "refunds", ["payment_id"])
    op.create_index("ix_refunds_status_created_at", "refunds", ["status", "created_at"])
    op.create_table(
        "disputes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("gateway", sa.String(20), nullable=False),
        sa.Column("gateway_reference", sa.String(255), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("closed_at", UtcDateTime()),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_disputes_payment_id_payments"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_disputes"),
        sa.UniqueConstraint(
            "gateway", "gateway_reference", name="uq_disputes_gateway_gateway_reference"
        ),
    )
    op.create_index("ix_disputes_payment_id", "disputes", ["payment_id"])
    # The refunded total stays within the amount under the payment's row lock (where the
    # use case answers 409), not by a constraint: SQLite could only add one by rebuilding
    # the table.
    op.add_column(
        "payments",
        sa.Column("refunded_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column("payments", sa.Column("charge_reference", sa.String(255)))
    op.create_index(
        "ix_payments_gateway_charge_reference", "payments", ["gateway", "charge_reference"]
    )
    # Payments refunded before refunds had records of their own were refunded in full.
    op.execute("UPDATE payments SET refunded_minor = amount_minor WHERE status = 'refunded'")
    op.add_column("enrollments", sa.Column("suspended_at", UtcDateTime()))
    # SQLite rebuilds earnings to change its constraints, reflecting the tables it refers to;
    # the courses table has an expression index SQLAlchemy cannot reflect, and needs none.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        with op.batch_alter_table("earnings") as batch:
            batch.add_column(sa.Column("refund_id", sa.Uuid()))
            batch.add_column(
                sa.Column("entry_key", sa.String(80), nullable=False, server_default="")
            )
            batch.drop_constraint("uq_earnings_payment_id_kind", type_="unique")
            batch.drop_constraint("ck_earnings_kind", type_="check")
            batch.create_check_constraint(
                "ck_earnings_kind", "kind IN ('sale', 'refund', 'refund_reversal', 'chargeback')"
            )
            batch.create_foreign_key(
                "fk_earnings_refund_id_refunds", "refunds", ["refund_id"], ["id"]
            )
            batch.create_index("ix_earnings_refund_id", ["refund_id"])
        # Until now a payment had at most one sale and one refund entry, named by their kind.
        op.execute("UPDATE earnings SET entry_key = kind")
        with op.batch_alter_table("earnings") as batch:
            batch.alter_column("entry_key", server_default=None)
            batch.create_unique_constraint(
                "uq_earnings_payment_id_entry_key", ["payment_id", "entry_key"]
            )


def downgrade() -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        with op.batch_alter_table("earnings") as batch:
            batch.drop_constraint("uq_earnings_payment_id_entry_key", type_="unique")
            batch.drop_index("ix_earnings_refund_id")
            batch.drop_constraint("fk_earnings_refund_id_refunds", type_="foreignkey")
            batch.drop_constraint("ck_earnings_kind", type_="check")
            batch.create_check_constraint("ck_earnings_kind", "kind IN ('sale', 'refund')")
            batch.drop_column("entry_key")
            batch.drop_column("refund_id")
            batch.create_unique_constraint("uq_earnings_payment_id_kind", ["payment_id", "kind"])
    op.drop_column("enrollments", "suspended_at")
    op.drop_index("ix_payments_gateway_charge_reference", table_name="payments")
    op.drop_column("payments", "charge_reference")
    op.drop_column("payments", "refunded_minor")
    op.drop_table("disputes")
    op.drop_table("refunds")
    op.drop_table("refund_requests")
