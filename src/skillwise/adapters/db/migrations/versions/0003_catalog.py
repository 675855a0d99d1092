"""Catalog: lesson attachments, full-text search and rating order for courses.

Revision ID: 0003_catalog
Revises: 0002_accounts
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0003_catalog"
down_revision = "0002_accounts"
branch_labels = None
depends_on = None

# Spelled exactly as the catalog queries spell them (tables/catalog.py), so the planner can
# use the indexes; frozen here as they were when this migration was written.
SEARCH_DOCUMENT_SQL = (
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, subtitle), 'B') || "
    "setweight(to_tsvector('english'::regconfig, description), 'C')"
)
RATING_RANK_SQL = "COALESCE(rating_sum * 1.0 / NULLIF(rating_count, 0), -1)"


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("size_bytes >= 0", name="ck_attachments_size_not_negative"),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_attachments_lesson_id_lessons",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name="fk_attachments_course_id_courses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
        sa.UniqueConstraint("storage_key", name="uq_attachments_storage_key"),
    )
    op.create_index("ix_attachments_lesson_id", "attachments", ["lesson_id"])
    op.create_index("ix_attachments_course_id", "attachments", ["course_id"])

    op.create_index(
        "ix_courses_status_rating_rank",
        "courses",
        ["status", sa.text(f"({RATING_RANK_SQL}) DESC"), "id"],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_courses_search_document",
            "courses",
            [sa.text(f"({SEARCH_DOCUMENT_SQL})")],
            postgresql_using="gin",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_courses_search_document", table_name="courses")
    op.drop_index("ix_courses_status_rating_rank", table_name="courses")
    op.drop_index("ix_attachments_course_id", table_name="attachments")
    op.drop_index("ix_attachments_lesson_id", table_name="attachments")
    op.drop_table("attachments")
