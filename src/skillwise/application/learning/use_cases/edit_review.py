"""EditReview: the author or an admin changes a review's rating or comment."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.learning.ports import ReviewView
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import PermissionDenied, ReviewNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.reviews import replace_rating


class EditReview:
    """The review row is locked, then the course row when the rating moves, so the course's
    rating sum takes every change exactly once."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self,
        actor: Actor,
        review_id: UUID,
        *,
        rating: int | None = None,
        comment: str | None = None,
    ) -> ReviewView:
        with self._uow as uow:
            review = uow.reviews.get_for_update(review_id)
            if review is None:
                raise ReviewNotFound()
            if not review.may_be_changed_by(actor):
                raise PermissionDenied(
                    "Only the review's author or an admin may change it.", code="not_review_author"
                )
            previous = review.revise(rating=rating, comment=comment, now=self._clock.now())
            uow.reviews.save(review)
            rating_moved = review.rating != previous
            if rating_moved:
                course = uow.courses.get_for_update(review.course_id)
                if course is not None:
                    replace_rating(course, previous, review.rating)
                    uow.courses.save(course)
                    uow.after_commit(CourseChanged(course.id))
            author = uow.users.get(review.user_id)
            uow.commit()
        return ReviewView.of(review, author.full_name if author else "")
