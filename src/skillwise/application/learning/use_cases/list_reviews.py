"""ListReviews: a course's reviews, newest first, for anyone who may see the course."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.learning.ports import LearningQueries, ReviewView
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import CourseNotFound
from skillwise.domain.identity import Actor


class ListReviews:
    """Guests included; a course they may not see has no reviews to show them."""

    def __init__(self, uow: UnitOfWork, queries: LearningQueries) -> None:
        self._uow = uow
        self._queries = queries

    def __call__(
        self, actor: Actor | None, course_id: UUID, request: PageRequest
    ) -> Page[ReviewView]:
        with self._uow as uow:
            course = uow.courses.get(course_id)
            enrollment = (
                uow.enrollments.get_for(actor.user_id, course_id) if actor and course else None
            )
        enrolled = enrollment is not None and enrollment.grants_access
        if course is None or not course.is_visible_to(actor, enrolled=enrolled):
            raise CourseNotFound("No such course.")
        return self._queries.course_reviews(course_id, request)
