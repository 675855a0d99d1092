"""Wishlist: courses a student keeps to take later."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.db.queries.wishlist import SqlWishlistQueries
from skillwise.application.wishlist.use_cases.add_to_wishlist import AddToWishlist
from skillwise.application.wishlist.use_cases.list_wishlist import ListWishlist
from skillwise.application.wishlist.use_cases.remove_from_wishlist import RemoveFromWishlist


class WishlistContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    wishlist_queries = providers.Factory(SqlWishlistQueries, session_factory=infra.session_factory)
    add_to_wishlist = providers.Factory(
        AddToWishlist, uow=infra.uow, clock=infra.clock, queries=wishlist_queries
    )
    list_wishlist = providers.Factory(ListWishlist, queries=wishlist_queries)
    remove_from_wishlist = providers.Factory(RemoveFromWishlist, uow=infra.uow)
