"""The devices pushes go to, which device got which push, and what users turned off."""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    Uuid,
)

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

devices = Table(
    "devices",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(10), nullable=False),
    Column("token", String(1024), nullable=False, unique=True),
    Column("app_version", String(50)),
    Column("locale", String(35)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    CheckConstraint("platform IN ('android', 'ios', 'web')", name="platform"),
    Index("ix_devices_user_id_last_seen_at", "user_id", "last_seen_at"),
)

push_deliveries = Table(
    "push_deliveries",
    metadata,
    Column(
        "notification_id",
        Uuid,
        ForeignKey("notifications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("device_id", Uuid, ForeignKey("devices.id", ondelete="CASCADE"), nullable=False),
    Column("message_name", String(300), nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("notification_id", "device_id"),
    Index("ix_push_deliveries_device_id", "device_id"),
)

notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(50), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("user_id", "kind", "channel"),
    CheckConstraint("channel IN ('email', 'push')", name="channel"),
)
