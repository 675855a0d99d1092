"""Keyset pages of the catalog read an index in order for every ordering.

A keyset page compares `(sort key, id)` as one row value and orders both the same way, so the
index it reads must hold the id in the key's direction. Price and creation date already have
ascending indexes that a backward scan serves; best rated and most popular first had only
indexes whose id runs against the key, so each gets one whose columns all run one way.

Revision ID: 0016_catalog_keyset
Revises: 0015_legacy_refund_records
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_catalog_keyset"
down_revision = "0015_legacy_refund_records"
branch_labels = None
depends_on = None

# Spelled exactly as the catalog queries spell it (tables/catalog.py); frozen here.
RATING_RANK_SQL = "COALESCE(rating_sum * 1.0 / NULLIF(rating_count, 0), -1)"

INDEXES = {
    "ix_courses_status_rating_rank_id": ["status", sa.text(f"({RATING_RANK_SQL})"), "id"],
    "ix_courses_status_enrollment_count_id": ["status", "enrollment_count", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "courses", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="courses")
