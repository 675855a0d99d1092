"""Accounts: the tables and indexes the accounts subject adds to the foundation.

Revision ID: 0002_accounts
Revises: 0001_foundation
"""

revision = "0002_accounts"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
