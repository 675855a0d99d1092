"""A student's wishlist: courses they mean to take later."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.domain.errors import NotFound


class NotInWishlist(NotFound):
    """This course is not in your wishlist."""

    code = "not_in_wishlist"


@dataclass(eq=False)
class WishlistItem:
    user_id: UUID
    course_id: UUID
    added_at: datetime
    id: UUID = field(default_factory=uuid4)
