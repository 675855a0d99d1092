"""The spine every subject builds on: users, courses and their outline, enrollments, outbox."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("full_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(20), nullable=False, index=True),
    Column("email_verified", Boolean, nullable=False, default=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("bio", Text, nullable=False, default=""),
    Column("avatar_url", String(500)),
    Column("date_joined", UtcDateTime, nullable=False, index=True),
    CheckConstraint("role IN ('student', 'instructor', 'admin')", name="role"),
)

courses = Table(
    "courses",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("instructor_id", Uuid, ForeignKey("users.id"), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("slug", String(220), nullable=False, unique=True),
    Column("subtitle", String(300), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("category", String(80), nullable=False, index=True),
    Column("level", String(20), nullable=False, index=True),
    Column("language", String(20), nullable=False, index=True),
    Column("price_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("thumbnail_url", String(500)),
    Column("status", String(20), nullable=False),
    Column("published_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("rating_count", Integer, nullable=False, default=0),
    Column("rating_sum", Integer, nullable=False, default=0),
    Column("enrollment_count", Integer, nullable=False, default=0),
    # Kept by the lesson and module repositories in the transaction that changes the outline.
    Column("lesson_count", Integer, nullable=False, default=0, server_default=text("0")),
    Column("total_duration_seconds", Integer, nullable=False, default=0, server_default=text("0")),
    CheckConstraint("price_minor >= 0", name="price_not_negative"),
    CheckConstraint("status IN ('draft', 'published', 'archived')", name="status"),
    CheckConstraint(
        "level IN ('beginner', 'intermediate', 'advanced', 'all_levels')", name="level"
    ),
    CheckConstraint("rating_count >= 0 AND rating_sum >= 0", name="rating_not_negative"),
)

modules = Table(
    "modules",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("course_id", Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_modules_course_id_position", "course_id", "position"),
)

lessons = Table(
    "lessons",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("module_id", Uuid, ForeignKey("modules.id", ondelete="CASCADE"), nullable=False),
    Column(
        "course_id",
        Uuid,
        ForeignKey("courses.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("title", String(200), nullable=False),
    Column("content", Text, nullable=False, default=""),
    Column("video_url", String(500)),
    Column("duration_seconds", Integer, nullable=False, default=0),
    Column("position", Integer, nullable=False),
    Column("is_preview", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("students_notified_at", UtcDateTime),
    CheckConstraint("duration_seconds >= 0", name="duration_not_negative"),
    Index("ix_lessons_module_id_position", "module_id", "position"),
)

enrollments = Table(
    "enrollments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("course_id", Uuid, ForeignKey("courses.id"), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("completed_at", UtcDateTime),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("suspended_at", UtcDateTime),
    UniqueConstraint("user_id", "course_id"),
    CheckConstraint("status IN ('active', 'completed', 'refunded', 'suspended')", name="status"),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("kind", String(50), nullable=False),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False, default=""),
    Column("data", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime),
    Index("ix_notifications_user_id_created_at", "user_id", "created_at"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("topic", String(100), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("delivered_at", UtcDateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Index("ix_outbox_delivered_at_created_at", "delivered_at", "created_at"),
)
