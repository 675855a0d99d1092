"""Payments honoured beyond their coupon's limit, and invoices that show their discount.

Revision ID: 0014_invoice_discounts
Revises: 0013_coupon_announcements
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_invoice_discounts"
down_revision = "0013_coupon_announcements"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "payments",
        sa.Column("coupon_beyond_limit", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "invoices",
        sa.Column("discount_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column("invoices", sa.Column("coupon_code", sa.String(40), nullable=True))
    # Invoices issued before keep their own total; their discount is their payment's.
    op.execute(
        "UPDATE invoices SET"
        " discount_minor = (SELECT p.discount_minor FROM payments p"
        " WHERE p.id = invoices.payment_id),"
        " coupon_code = (SELECT p.coupon_code FROM payments p WHERE p.id = invoices.payment_id)"
    )


def downgrade() -> None:
    # Plain column drops (no constraint refers to these), which SQLite does in place.
    op.drop_column("invoices", "coupon_code")
    op.drop_column("invoices", "discount_minor")
    op.drop_column("payments", "coupon_beyond_limit")
