"""Tables owned by the learning subject (the shared spine is in core.py)."""

from sqlalchemy import (
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

lesson_progress = Table(
    "lesson_progress",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column(
        "enrollment_id",
        Uuid,
        ForeignKey("enrollments.id", ondelete="CASCADE"),
        nullable=False,
    ),
    # A deleted lesson takes its progress rows along, so counts follow the current outline.
    Column(
        "lesson_id", Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("completed", Boolean, nullable=False, default=False),
    Column("completed_at", UtcDateTime),
    Column("position_seconds", Integer, nullable=False, default=0),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("enrollment_id", "lesson_id"),
    CheckConstraint("position_seconds >= 0", name="position_not_negative"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("course_id", Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False),
    Column("rating", Integer, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("user_id", "course_id"),
    CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    Index("ix_reviews_course_id_created_at", "course_id", "created_at"),
)

OPEN_REPORTS = text("status = 'open'")

reports = Table(
    "reports",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("reporter_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("target_type", String(20), nullable=False),
    # Polymorphic target (course, review or user): checked by the use case, not a foreign key.
    Column("target_id", Uuid, nullable=False),
    Column("reason", String(1000), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime),
    Column("resolved_by", Uuid, ForeignKey("users.id")),
    Column("resolution_note", Text, nullable=False, default=""),
    CheckConstraint("target_type IN ('course', 'review', 'user')", name="target_type"),
    CheckConstraint("status IN ('open', 'resolved', 'dismissed')", name="status"),
    # One open report per reporter and target; closed ones may pile up beside it.
    Index(
        "ix_reports_reporter_id_target_type_target_id",
        "reporter_id",
        "target_type",
        "target_id",
        unique=True,
        postgresql_where=OPEN_REPORTS,
        sqlite_where=OPEN_REPORTS,
    ),
    Index("ix_reports_status_created_at", "status", "created_at"),
    Index("ix_reports_target_type_target_id", "target_type", "target_id"),
)
