"""Index token expiry so expired tokens can be purged without scanning the tables.

Revision ID: 0006_token_expiry_indexes
Revises: 0005_payments
"""

from alembic import op

revision = "0006_token_expiry_indexes"
down_revision = "0005_payments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_one_time_tokens_expires_at", "one_time_tokens", ["expires_at"])
    op.create_index("ix_refresh_tokens_expires_at", "refresh_tokens", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_refresh_tokens_expires_at", table_name="refresh_tokens")
    op.drop_index("ix_one_time_tokens_expires_at", table_name="one_time_tokens")
