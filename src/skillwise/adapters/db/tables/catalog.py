"""Tables owned by the catalog subject (the shared spine is in core.py), and the indexes the
catalog adds to the spine's `courses` table for search and rating order."""

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Uuid,
    text,
)

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.tables.core import courses
from skillwise.adapters.db.types import UtcDateTime

attachments = Table(
    "attachments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column(
        "lesson_id", Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column(
        "course_id", Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    # The file's name on disk: generated, never derived from what the uploader sent.
    Column("storage_key", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    CheckConstraint("size_bytes >= 0", name="size_not_negative"),
)

# On PostgreSQL, migration 0017 keeps each course's full-text search document (title weighted
# A, subtitle B, description C) in the stored generated column `search_document`, under the
# GIN index `ix_courses_search_document`. It is not declared here: SQLite has no such type and
# searches by substring instead.
SEARCH_DOCUMENT_COLUMN = "courses.search_document"

# Queries embed these expressions verbatim: only an identical expression lets the planner use
# the index built on it.
# Best rated first, unrated courses last: one sort key that both databases can index.
RATING_RANK_SQL = "COALESCE(rating_sum * 1.0 / NULLIF(rating_count, 0), -1)"
# Lowest rated first, unrated courses still last (ratings run from 1 to 5).
RATING_ASCENDING_RANK_SQL = "COALESCE(rating_sum * 1.0 / NULLIF(rating_count, 0), 6)"

# One index per ordering of the catalog, key for key with its direction and the id tiebreak,
# so a page is read from the index in order (migration 0010).
Index(
    "ix_courses_status_rating_rank",
    courses.c.status,
    text(f"({RATING_RANK_SQL}) DESC"),
    courses.c.id,
)

# The categories page counts published courses per category straight from this index.
Index("ix_courses_status_category", courses.c.status, courses.c.category)
Index(
    "ix_courses_status_rating_ascending_rank",
    courses.c.status,
    text(f"({RATING_ASCENDING_RANK_SQL})"),
    courses.c.id,
)
Index("ix_courses_status_price_minor_id", courses.c.status, courses.c.price_minor, courses.c.id)
Index(
    "ix_courses_status_price_minor_desc_id",
    courses.c.status,
    courses.c.price_minor.desc(),
    courses.c.id,
)
Index("ix_courses_status_created_at_id", courses.c.status, courses.c.created_at, courses.c.id)
Index(
    "ix_courses_status_created_at_desc_id",
    courses.c.status,
    courses.c.created_at.desc(),
    courses.c.id,
)
Index(
    "ix_courses_status_enrollment_count_desc_id",
    courses.c.status,
    courses.c.enrollment_count.desc(),
    courses.c.id,
)
# Keyset pages order the id the key's way; these two serve best rated and most popular first
# read backwards (migration 0016), where the indexes above run the id against the key.
Index(
    "ix_courses_status_rating_rank_id",
    courses.c.status,
    text(f"({RATING_RANK_SQL})"),
    courses.c.id,
)
Index(
    "ix_courses_status_enrollment_count_id",
    courses.c.status,
    courses.c.enrollment_count,
    courses.c.id,
)
Index(
    "ix_courses_instructor_id_created_at_desc_id",
    courses.c.instructor_id,
    courses.c.created_at.desc(),
    courses.c.id,
)
