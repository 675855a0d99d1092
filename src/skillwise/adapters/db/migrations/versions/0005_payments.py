"""Payments: payments, idempotency keys, gateway events, invoices and their counter, earnings.

Revision ID: 0005_payments
Revises: 0004_learning
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0005_payments"
down_revision = "0004_learning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("gateway", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("gateway_reference", sa.String(255)),
        sa.Column("client_secret", sa.String(255)),
        sa.Column("checkout_url", sa.String(1000)),
        sa.Column("publishable_key", sa.String(255)),
        sa.Column("customer_reference", sa.String(255)),
        sa.Column("ephemeral_key", sa.String(255)),
        sa.Column("transaction_reference", sa.String(255)),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("review_reason", sa.String(200)),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("paid_at", UtcDateTime()),
        sa.Column("refunded_at", UtcDateTime()),
        sa.CheckConstraint(
            "status IN ('pending', 'succeeded', 'failed', 'canceled', 'refunded')",
            name="ck_payments_status",
        ),
        sa.CheckConstraint("amount_minor > 0", name="ck_payments_amount_positive"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_payments_user_id_users"),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_payments_course_id_courses"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_payments"),
        sa.UniqueConstraint(
            "gateway", "gateway_reference", name="uq_payments_gateway_gateway_reference"
        ),
    )
    op.create_index("ix_payments_course_id", "payments", ["course_id"])
    op.create_index("ix_payments_user_id_created_at", "payments", ["user_id", "created_at"])
    op.create_index("ix_payments_status_created_at", "payments", ["status", "created_at"])
    op.create_index(
        "ix_payments_user_id_course_id_status", "payments", ["user_id", "course_id", "status"]
    )
    op.create_index(
        "uq_payments_open_checkout",
        "payments",
        ["user_id", "course_id", "gateway", "amount_minor", "currency"],
        unique=True,
        postgresql_where=sa.text("status = 'pending'"),
        sqlite_where=sa.text("status = 'pending'"),
    )

    op.create_table(
        "payment_idempotency_keys",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_payment_idempotency_keys_user_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_payment_idempotency_keys_payment_id_payments"
        ),
        sa.PrimaryKeyConstraint("user_id", "idempotency_key", name="pk_payment_idempotency_keys"),
    )
    op.create_index(
        "ix_payment_idempotency_keys_payment_id", "payment_idempotency_keys", ["payment_id"]
    )

    op.create_table(
        "payment_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gateway", sa.String(20), nullable=False),
        sa.Column("event_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payment_id", sa.Uuid()),
        sa.Column("outcome", sa.String(30)),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_payment_events_payment_id_payments"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_payment_events"),
        sa.UniqueConstraint("gateway", "event_id", name="uq_payment_events_gateway_event_id"),
    )
    op.create_index("ix_payment_events_payment_id", "payment_events", ["payment_id"])

    op.create_table(
        "invoice_sequences",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_invoice_sequences"),
    )

    op.create_table(
        "invoices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("buyer_name", sa.String(200), nullable=False),
        sa.Column("buyer_email", sa.String(254), nullable=False),
        sa.Column("course_title", sa.String(200), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("gateway", sa.String(20), nullable=False),
        sa.Column("gateway_reference", sa.String(255)),
        sa.Column("paid_at", UtcDateTime(), nullable=False),
        sa.Column("issued_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_invoices_payment_id_payments"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_invoices_user_id_users"),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_invoices_course_id_courses"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_invoices"),
        sa.UniqueConstraint("number", name="uq_invoices_number"),
        sa.UniqueConstraint("payment_id", name="uq_invoices_payment_id"),
    )
    op.create_index("ix_invoices_user_id", "invoices", ["user_id"])

    op.create_table(
        "earnings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instructor_id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("gross_minor", sa.BigInteger(), nullable=False),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("net_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('sale', 'refund')", name="ck_earnings_kind"),
        sa.CheckConstraint(
            "gross_minor = fee_minor + net_minor", name="ck_earnings_fee_plus_net_is_gross"
        ),
        sa.ForeignKeyConstraint(
            ["instructor_id"], ["users.id"], name="fk_earnings_instructor_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payments.id"], name="fk_earnings_payment_id_payments"
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_earnings_course_id_courses"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_earnings"),
        sa.UniqueConstraint("payment_id", "kind", name="uq_earnings_payment_id_kind"),
    )
    op.create_index("ix_earnings_course_id", "earnings", ["course_id"])
    op.create_index(
        "ix_earnings_instructor_id_created_at", "earnings", ["instructor_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_table("earnings")
    op.drop_table("invoices")
    op.drop_table("invoice_sequences")
    op.drop_table("payment_events")
    op.drop_table("payment_idempotency_keys")
    op.drop_table("payments")
