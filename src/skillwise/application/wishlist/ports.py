"""Ports of the wishlist subject: the repository and the read side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.wishlist import WishlistItem


class WishlistRepository(Protocol):
    def add(self, item: WishlistItem) -> bool:
        """Insert unless the user already wishes for the course; returns whether it was new."""
        ...

    def remove(self, user_id: UUID, course_id: UUID) -> bool:
        """Returns whether there was such an item."""
        ...

    def wishers_to_tell(self, course_id: UUID) -> list[UUID]:
        """The users wishing for the course who do not hold an enrollment giving access to
        it already: those a better price is news to."""
        ...

    def wished_course_ids(self) -> list[UUID]:
        """Every course someone wishes for (a site-wide coupon is news for each)."""
        ...


# --- read side ---


@dataclass(frozen=True, slots=True)
class WishedCourse:
    course: CourseSummary
    added_at: datetime


class WishlistQueries(Protocol):
    """A fixed number of statements per call, whatever the page size."""

    def wishlist_of(self, user_id: UUID, request: PageRequest) -> Page[WishedCourse]:
        """The user's wished-for courses that are in the catalog (published), latest first."""
        ...

    def wished_course(self, user_id: UUID, course_id: UUID) -> WishedCourse | None: ...
