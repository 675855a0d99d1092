"""DeleteReview: the author or an admin removes a review and its rating."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import PermissionDenied, ReviewNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.reviews import uncount_rating


class DeleteReview:
    """Takes the rating out of the course's count and sum under both row locks."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, review_id: UUID) -> None:
        with self._uow as uow:
            review = uow.reviews.get_for_update(review_id)
            if review is None:
                raise ReviewNotFound()
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
            uow.after_commit(CourseChanged(review.course_id))
            uow.commit()
