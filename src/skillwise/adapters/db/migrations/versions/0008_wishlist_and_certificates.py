"""Wishlists, certificates of completion, and the index the categories page counts from.

Revision ID: 0008_wishlist_and_certificates
Revises: 0007_devices_and_preferences
"""

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0008_wishlist_and_certificates"
down_revision = "0007_devices_and_preferences"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wishlist_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_wishlist_items_user_id_users"),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name="fk_wishlist_items_course_id_courses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_wishlist_items"),
        sa.UniqueConstraint("user_id", "course_id", name="uq_wishlist_items_user_id_course_id"),
    )
    op.create_index("ix_wishlist_items_course_id", "wishlist_items", ["course_id"])
    op.create_index("ix_wishlist_items_user_id_added_at", "wishlist_items", ["user_id", "added_at"])

    op.create_table(
        "certificates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("enrollment_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("course_title", sa.String(200), nullable=False),
        sa.Column("instructor_name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("issued_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime()),
        sa.CheckConstraint("status IN ('valid', 'revoked')", name="ck_certificates_status"),
        sa.ForeignKeyConstraint(
            ["enrollment_id"], ["enrollments.id"], name="fk_certificates_enrollment_id_enrollments"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_certificates_user_id_users"),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name="fk_certificates_course_id_courses"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_certificates"),
        sa.UniqueConstraint("code", name="uq_certificates_code"),
        sa.UniqueConstraint("enrollment_id", name="uq_certificates_enrollment_id"),
    )
    op.create_index("ix_certificates_course_id", "certificates", ["course_id"])
    op.create_index("ix_certificates_user_id_issued_at", "certificates", ["user_id", "issued_at"])

    op.create_index("ix_courses_status_category", "courses", ["status", "category"])


def downgrade() -> None:
    op.drop_index("ix_courses_status_category", table_name="courses")
    op.drop_table("certificates")
    op.drop_table("wishlist_items")
