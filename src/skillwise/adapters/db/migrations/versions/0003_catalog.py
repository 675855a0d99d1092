"""Catalog: the tables and indexes the catalog subject adds to the foundation.

Revision ID: 0003_catalog
Revises: 0002_accounts
"""

revision = "0003_catalog"
down_revision = "0002_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
