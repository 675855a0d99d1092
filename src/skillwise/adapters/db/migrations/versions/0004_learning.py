"""Learning: the tables and indexes the learning subject adds to the foundation.

Revision ID: 0004_learning
Revises: 0003_catalog
"""

revision = "0004_learning"
down_revision = "0003_catalog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
