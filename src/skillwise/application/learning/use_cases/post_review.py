"""PostReview: an enrolled student rates and comments on a course, once."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.learning.ports import ReviewView
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import CourseNotFound, PermissionDenied
from skillwise.domain.identity import Actor
from skillwise.domain.learning.reviews import DuplicateReview, Review, count_rating, may_review
from skillwise.domain.notifications import Notification


class PostReview:
    """Counts the rating into the course under its row lock, so concurrent reviews add up.

    The course's instructor gets a `new_review` notification in the same transaction; the
    catalog cache learns of the new rating after the commit.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self, actor: Actor, course_id: UUID, *, rating: int, comment: str = ""
    ) -> ReviewView:
        now = self._clock.now()
        review = Review.write(
            user_id=actor.user_id, course_id=course_id, rating=rating, comment=comment, now=now
        )
        with self._uow as uow:
            course = uow.courses.get_for_update(course_id)
            if course is None:
                raise CourseNotFound("No such course.")
            if not may_review(uow.enrollments.get_for(actor.user_id, course.id)):
                if not course.is_visible_to(actor):
                    raise CourseNotFound("No such course.")
                raise PermissionDenied(
                    "Only students enrolled in this course may review it.", code="not_enrolled"
                )
            if uow.reviews.get_for(actor.user_id, course.id) is not None:
                raise DuplicateReview("You have reviewed this course already; edit that review.")
            uow.reviews.add(review)
            count_rating(course, review.rating)
            uow.courses.save(course)
            uow.notifications.add(
                Notification(
                    user_id=course.instructor_id,
                    kind="new_review",
                    title=f"New {review.rating}-star review of {course.title}",
                    body=review.comment[:200],
                    data={"course_id": str(course.id), "review_id": str(review.id)},
                    created_at=now,
                )
            )
            author = uow.users.get(actor.user_id)
            uow.after_commit(CourseChanged(course_id))
            uow.commit()
        return ReviewView.of(review, author.full_name if author else "")
