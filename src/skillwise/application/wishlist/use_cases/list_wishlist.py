"""ListWishlist: the caller's wished-for courses."""

from __future__ import annotations

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.wishlist.ports import WishedCourse, WishlistQueries
from skillwise.domain.identity import Actor


class ListWishlist:
    """Latest first, each with its course summary; courses taken out of the catalog since
    are left out until they return."""

    def __init__(self, queries: WishlistQueries) -> None:
        self._queries = queries

    def __call__(self, actor: Actor, page: PageRequest) -> Page[WishedCourse]:
        return self._queries.wishlist_of(actor.user_id, page)
