"""Devices for push, the pushes each device got, notification preferences, lesson notices.

Revision ID: 0007_devices_and_preferences
Revises: 0006_token_expiry_indexes
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0007_devices_and_preferences"
down_revision = "0006_token_expiry_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("platform", sa.String(10), nullable=False),
        sa.Column("token", sa.String(1024), nullable=False),
        sa.Column("app_version", sa.String(50)),
        sa.Column("locale", sa.String(35)),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_seen_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("platform IN ('android', 'ios', 'web')", name="ck_devices_platform"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_devices_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("token", name="uq_devices_token"),
    )
    op.create_index("ix_devices_user_id_last_seen_at", "devices", ["user_id", "last_seen_at"])
    op.create_table(
        "push_deliveries",
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("message_name", sa.String(300), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name="fk_push_deliveries_notification_id_notifications",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["devices.id"],
            name="fk_push_deliveries_device_id_devices",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("notification_id", "device_id", name="pk_push_deliveries"),
    )
    op.create_index("ix_push_deliveries_device_id", "push_deliveries", ["device_id"])
    op.create_table(
        "notification_preferences",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('email', 'push')", name="ck_notification_preferences_channel"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_notification_preferences_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notification_preferences"),
        sa.UniqueConstraint(
            "user_id", "kind", "channel", name="uq_notification_preferences_user_id_kind_channel"
        ),
    )
    op.add_column("lessons", sa.Column("students_notified_at", UtcDateTime()))


def downgrade() -> None:
    op.drop_column("lessons", "students_notified_at")
    op.drop_table("notification_preferences")
    op.drop_index("ix_push_deliveries_device_id", table_name="push_deliveries")
    op.drop_table("push_deliveries")
    op.drop_index("ix_devices_user_id_last_seen_at", table_name="devices")
    op.drop_table("devices")
