"""Catalog pages that read an index in order and no lessons.

Each ordering of the course list gets an index that matches it key for key, direction and id
tiebreak included, so a page is read from the index instead of sorting every published course.
Courses keep their lesson count and total duration, maintained with the outline, so a page
no longer aggregates the lessons of its courses.

Revision ID: 0010_catalog_indexes
Revises: 0009_uploads
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_catalog_indexes"
down_revision = "0009_uploads"
branch_labels = None
depends_on = None

# Spelled exactly as the catalog queries spell it (tables/catalog.py); frozen here.
RATING_ASCENDING_RANK_SQL = "COALESCE(rating_sum * 1.0 / NULLIF(rating_count, 0), 6)"

SUPERSEDED = {
    "ix_courses_status_price_minor": ["status", "price_minor"],
    "ix_courses_status_created_at": ["status", "created_at"],
    "ix_courses_status_enrollment_count": ["status", "enrollment_count"],
}

ORDERINGS = {
    "ix_courses_status_price_minor_id": ["status", "price_minor", "id"],
    "ix_courses_status_price_minor_desc_id": ["status", sa.text("price_minor DESC"), "id"],
    "ix_courses_status_created_at_id": ["status", "created_at", "id"],
    "ix_courses_status_created_at_desc_id": ["status", sa.text("created_at DESC"), "id"],
    "ix_courses_status_enrollment_count_desc_id": [
        "status",
        sa.text("enrollment_count DESC"),
        "id",
    ],
    "ix_courses_status_rating_ascending_rank": [
        "status",
        sa.text(f"({RATING_ASCENDING_RANK_SQL})"),
        "id",
    ],
    "ix_courses_instructor_id_created_at_desc_id": [
        "instructor_id",
        sa.text("created_at DESC"),
        "id",
    ],
}


def upgrade() -> None:
    # Plain ALTERs, not batch mode: rebuilding the table on SQLite would lose the expression
    # indexes it cannot reflect.
    for column in ("lesson_count", "total_duration_seconds"):
        op.add_column(
            "courses",
            sa.Column(column, sa.Integer(), nullable=False, server_default=sa.text("0")),
        )
    op.execute(
        "UPDATE courses SET "
        "lesson_count = (SELECT count(*) FROM lessons WHERE lessons.course_id = courses.id), "
        "total_duration_seconds = (SELECT COALESCE(SUM(duration_seconds), 0) FROM lessons "
        "WHERE lessons.course_id = courses.id)"
    )
    for name in SUPERSEDED:
        op.drop_index(name, table_name="courses")
    for name, columns in ORDERINGS.items():
        op.create_index(name, "courses", columns)


def downgrade() -> None:
    for name in ORDERINGS:
        op.drop_index(name, table_name="courses")
    for name, columns in SUPERSEDED.items():
        op.create_index(name, "courses", columns)
    op.drop_column("courses", "total_duration_seconds")
    op.drop_column("courses", "lesson_count")
