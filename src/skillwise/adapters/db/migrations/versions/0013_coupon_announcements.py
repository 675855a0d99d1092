"""Coupons remember when their wishers were told, so one that starts later is told once.

Revision ID: 0013_coupon_announcements
Revises: 0012_coupons
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0013_coupon_announcements"
down_revision = "0012_coupons"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("coupons", sa.Column("announced_at", UtcDateTime(), nullable=True))
    # Coupons started when made were announced then; those starting later never were, and
    # the announcement job tells their wishers once they start.
    op.execute(
        "UPDATE coupons SET announced_at = created_at"
        " WHERE starts_at IS NULL OR starts_at <= created_at"
    )


def downgrade() -> None:
    # A plain column drop, which SQLite does in place (payments refer to this table).
    op.drop_column("coupons", "announced_at")
