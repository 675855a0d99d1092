"""ListCoupons: the coupons a caller manages, with how often each was used."""

from __future__ import annotations

from skillwise.application.coupons.ports import CouponQueries
from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.identity import Actor


class ListCoupons:
    """An instructor's own coupons; every coupon for an admin. Newest first."""

    def __init__(self, queries: CouponQueries) -> None:
        self._queries = queries

    def __call__(self, actor: Actor, request: PageRequest) -> Page[CouponListing]:
        return self._queries.coupons(None if actor.is_admin else actor.user_id, request)
