"""Direct uploads to object storage, from the signed form to what they attached."""

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, String, Table, Uuid

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

uploads = Table(
    "uploads",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("lesson_id", Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), nullable=False),
    Column(
        "course_id", Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("uploader_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    # The object's key in the bucket: generated, never derived from what the uploader sent.
    Column("storage_key", String(64), nullable=False, unique=True),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("completed_at", UtcDateTime),
    Column("refusal", String(64)),
    Column("attachment_id", Uuid, ForeignKey("attachments.id", ondelete="SET NULL")),
    CheckConstraint("size_bytes > 0", name="size_positive"),
    # A lesson's current video is its latest completed video upload.
    Index("ix_uploads_lesson_kind_status", "lesson_id", "kind", "status", "completed_at"),
)
