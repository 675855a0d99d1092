"""Full-text search reads a stored document instead of rebuilding it for every match.

The GIN index was built on the search document as an expression, so the index found the
matches, but every match had its document rebuilt from title, subtitle and description twice
per query: once to recheck the match against the heap row and once for `ts_rank`. A search
that matched 140 courses spent 13 ms doing that. A stored generated column keeps each course's
document, rebuilt only when the row is written, and the GIN index moves onto it.

PostgreSQL only (SQLite searches by substring). Adding a stored column rewrites the table
under an exclusive lock: seconds for a catalog of this size, more for a very large one.

Revision ID: 0017_stored_search_document
Revises: 0016_catalog_keyset
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_stored_search_document"
down_revision = "0016_catalog_keyset"
branch_labels = None
depends_on = None

# Spelled as migration 0003 built the expression index (and tables/catalog.py spells it).
SEARCH_DOCUMENT_SQL = (
    "setweight(to_tsvector('english'::regconfig, title), 'A') || "
    "setweight(to_tsvector('english'::regconfig, subtitle), 'B') || "
    "setweight(to_tsvector('english'::regconfig, description), 'C')"
)
INDEX = "ix_courses_search_document"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name="courses")
    op.execute(
        "ALTER TABLE courses ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({SEARCH_DOCUMENT_SQL}) STORED"
    )
    op.create_index(INDEX, "courses", ["search_document"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name="courses")
    op.drop_column("courses", "search_document")
    op.create_index(INDEX, "courses", [sa.text(f"({SEARCH_DOCUMENT_SQL})")], postgresql_using="gin")
