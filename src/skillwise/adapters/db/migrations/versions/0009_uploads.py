"""Direct uploads to object storage: the signed form's row, checked on completion.

Revision ID: 0009_uploads
Revises: 0008_wishlist_and_certificates
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0009_uploads"
down_revision = "0008_wishlist_and_certificates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploads",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("uploader_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("completed_at", UtcDateTime(), nullable=True),
        sa.Column("refusal", sa.String(64), nullable=True),
        sa.Column("attachment_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint("size_bytes > 0", name="ck_uploads_size_positive"),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lessons.id"], name="fk_uploads_lesson_id_lessons", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_uploads_course_id_courses", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["uploader_id"], ["users.id"], name="fk_uploads_uploader_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachments.id"],
            name="fk_uploads_attachment_id_attachments",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_uploads"),
        sa.UniqueConstraint("storage_key", name="uq_uploads_storage_key"),
    )
    op.create_index("ix_uploads_course_id", "uploads", ["course_id"])
    op.create_index(
        "ix_uploads_lesson_kind_status", "uploads", ["lesson_id", "kind", "status", "completed_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_uploads_lesson_kind_status", table_name="uploads")
    op.drop_index("ix_uploads_course_id", table_name="uploads")
    op.drop_table("uploads")
