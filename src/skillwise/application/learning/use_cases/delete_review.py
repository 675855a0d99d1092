"""DeleteReview: the author or an admin removes a review and its rating."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound, PermissionDenied
from skillwise.domain.identity import Actor
from skillwise.domain.learning import uncount_rating


class DeleteReview:
    """Takes the rating out of the course's count and sum under both row locks."""

    def __init__(self, uow: UnitOfWork, catalog_cache: CatalogCache) -> None:
        self._uow = uow
        self._catalog_cache = catalog_cache

    def __call__(self, actor: Actor, review_id: UUID) -> None:
        with self._uow as uow:
            review = uow.reviews.get_for_update(review_id)
            if review is None:
                raise NotFound("No such review.", code="review_not_found")
            if not review.may_be_changed_by(actor):
                raise PermissionDenied(
                    "Only the review's author or an admin may delete it.",
                    code="not_review_author",
                )
            uow.reviews.delete(review.id)
            course = uow.courses.get_for_update(review.course_id)
            if course is not None:
                uncount_rating(course, review.rating)
                uow.courses.save(course)
            uow.commit()
        self._catalog_cache.course_changed(review.course_id)
