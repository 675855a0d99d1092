"""QuoteCourse: what a course costs the caller with a coupon, before paying."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.coupons.pricing import Quote, ensure_uses_left, quote_for
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class QuoteCourse:
    """The price, the discount and the total by the same rules a payment is opened with.

    A guest's quote cannot know their own uses of the coupon; the payment checks them.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor | None, course_id: UUID, code: str | None) -> Quote:
        with self._uow as uow:
            course = CatalogAccess(uow, actor).visible_course(uow.courses.get(course_id))
            quote = quote_for(uow, course, code, now=self._clock.now())
            ensure_uses_left(uow, quote, actor.user_id if actor else None)
        return quote
