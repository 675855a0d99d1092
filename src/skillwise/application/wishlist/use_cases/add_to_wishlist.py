"""AddToWishlist: keep a course to take later."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.application.wishlist.ports import WishedCourse, WishlistQueries
from skillwise.domain.errors import CourseNotFound, DomainValidationError
from skillwise.domain.identity import Actor
from skillwise.domain.wishlist import WishlistItem


class AddToWishlist:
    """Adds a published course to the caller's wishlist; returns (item, whether it was new).

    A course the caller may not see is CourseNotFound, as everywhere; one they may see that is
    not in the catalog (their own draft, an archived course) cannot be wished for.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, queries: WishlistQueries) -> None:
        self._uow = uow
        self._clock = clock
        self._queries = queries

    def __call__(self, actor: Actor, course_id: UUID) -> tuple[WishedCourse, bool]:
        with self._uow as uow:
            course = CatalogAccess(uow, actor).visible_course(uow.courses.get(course_id))
            if not course.is_published:
                raise DomainValidationError(
                    "Only courses in the catalog can be wishlisted.", code="course_not_published"
                )
            added = uow.wishlist.add(
                WishlistItem(user_id=actor.user_id, course_id=course.id, added_at=self._clock.now())
            )
            uow.commit()
        wished = self._queries.wished_course(actor.user_id, course_id)
        if wished is None:
            raise CourseNotFound()
        return wished, added
