"""Tables owned by the wishlist subject."""

from sqlalchemy import Column, ForeignKey, Index, Table, UniqueConstraint, Uuid

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

wishlist_items = Table(
    "wishlist_items",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    # A course really deleted (one nobody enrolled in or paid for) leaves the wishlists too.
    Column(
        "course_id", Uuid, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("added_at", UtcDateTime, nullable=False),
    UniqueConstraint("user_id", "course_id"),
    # The wishlist page reads a user's items latest first.
    Index("ix_wishlist_items_user_id_added_at", "user_id", "added_at"),
)
