"""Tables owned by the certificates subject."""

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Uuid,
)

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

certificates = Table(
    "certificates",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("enrollment_id", Uuid, ForeignKey("enrollments.id"), nullable=False, unique=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("course_id", Uuid, ForeignKey("courses.id"), nullable=False, index=True),
    # As they were at completion: a certificate names what was completed, and with whom.
    Column("course_title", String(200), nullable=False),
    Column("instructor_name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    CheckConstraint("status IN ('valid', 'revoked')", name="status"),
    Index("ix_certificates_user_id_issued_at", "user_id", "issued_at"),
)
