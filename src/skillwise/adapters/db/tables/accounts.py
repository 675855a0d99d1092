"""Tables owned by the accounts subject (the shared spine is in core.py)."""

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Uuid

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

one_time_tokens = Table(
    "one_time_tokens",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("purpose", String(20), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    Column("used_at", UtcDateTime),
    CheckConstraint("purpose IN ('verify_email', 'reset_password')", name="purpose"),
    Index("ix_one_time_tokens_user_id_purpose", "user_id", "purpose"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("jti", String(64), primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("family_id", Uuid, nullable=False, index=True),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    Column("used_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
    Index("ix_refresh_tokens_user_id", "user_id"),
)

# Access tokens revoked before their expiry (used when SKILLWISE_REDIS_URL is not set).
# `key` is "jti:<jti>" for one token or "user:<id>" for every token issued before
# `revoked_before`; rows are useless after `expires_at` and purged on later writes.
token_blocklist = Table(
    "token_blocklist",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("revoked_before", UtcDateTime),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
)
