"""Learning: lesson progress, reviews, content reports.

Revision ID: 0004_learning
Revises: 0003_catalog
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0004_learning"
down_revision = "0003_catalog"
branch_labels = None
depends_on = None

OPEN_REPORTS = sa.text("status = 'open'")


def upgrade() -> None:
    op.create_table(
        "lesson_progress",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("enrollment_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("completed_at", UtcDateTime()),
        sa.Column("position_seconds", sa.Integer(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "position_seconds >= 0", name="ck_lesson_progress_position_not_negative"
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name="fk_lesson_progress_enrollment_id_enrollments",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="fk_lesson_progress_lesson_id_lessons",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_lesson_progress"),
        sa.UniqueConstraint(
            "enrollment_id", "lesson_id", name="uq_lesson_progress_enrollment_id_lesson_id"
        ),
    )
    op.create_index("ix_lesson_progress_lesson_id", "lesson_progress", ["lesson_id"])

    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating_range"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_reviews_user_id_users"),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_reviews_course_id_courses", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.UniqueConstraint("user_id", "course_id", name="uq_reviews_user_id_course_id"),
    )
    op.create_index("ix_reviews_course_id_created_at", "reviews", ["course_id", "created_at"])

    op.create_table(
        "reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reporter_id", sa.Uuid(), nullable=False),
        sa.Column("target_type", sa.String(20), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(1000), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("resolved_at", UtcDateTime()),
        sa.Column("resolved_by", sa.Uuid()),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "target_type IN ('course', 'review', 'user')", name="ck_reports_target_type"
        ),
        sa.CheckConstraint("status IN ('open', 'resolved', 'dismissed')", name="ck_reports_status"),
        sa.ForeignKeyConstraint(["reporter_id"], ["users.id"], name="fk_reports_reporter_id_users"),
        sa.ForeignKeyConstraint(["resolved_by"], ["users.id"], name="fk_reports_resolved_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
    )
    op.create_index(
        "ix_reports_reporter_id_target_type_target_id",
        "reports",
        ["reporter_id", "target_type", "target_id"],
        unique=True,
        postgresql_where=OPEN_REPORTS,
        sqlite_where=OPEN_REPORTS,
    )
    op.create_index("ix_reports_status_created_at", "reports", ["status", "created_at"])
    op.create_index("ix_reports_target_type_target_id", "reports", ["target_type", "target_id"])


def downgrade() -> None:
    op.drop_table("reports")
    op.drop_table("reviews")
    op.drop_table("lesson_progress")
