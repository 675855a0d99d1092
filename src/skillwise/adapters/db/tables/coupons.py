"""Tables owned by the coupons subject (payments carry the coupon they used)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Uuid,
)

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

coupons = Table(
    "coupons",
    metadata,
    Column("id", Uuid, primary_key=True),
    # Normalized (upper-cased) by the domain, so the unique constraint is case-insensitive.
    Column("code", String(40), nullable=False, unique=True),
    Column("kind", String(10), nullable=False),
    Column("value", BigInteger, nullable=False),
    Column("currency", String(3)),
    # Unused coupons go with a course really deleted; a paid-for course is only archived.
    Column("course_id", Uuid, ForeignKey("courses.id", ondelete="CASCADE"), index=True),
    Column("created_by", Uuid, ForeignKey("users.id"), nullable=False),
    Column("starts_at", UtcDateTime),
    Column("ends_at", UtcDateTime),
    Column("max_redemptions", Integer),
    Column("per_user_limit", Integer),
    Column("is_active", Boolean, nullable=False),
    # Set when the wishers were told: at creation once started, or by the job when it starts.
    Column("announced_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint(
        "(kind = 'percent' AND value BETWEEN 1 AND 100 AND currency IS NULL)"
        " OR (kind = 'fixed' AND value > 0 AND currency IS NOT NULL)",
        name="kind_value_currency",
    ),
    Index("ix_coupons_created_by_created_at", "created_by", "created_at"),
)
