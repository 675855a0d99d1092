"""GetEnrollment: one of the caller's enrollments; anyone else's does not exist for them."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.learning.ports import EnrollmentView, LearningQueries
from skillwise.domain.errors import EnrollmentNotFound
from skillwise.domain.identity import Actor


class GetEnrollment:
    """The enrollment with its course summary and progress."""

    def __init__(self, queries: LearningQueries) -> None:
        self._queries = queries

    def __call__(self, actor: Actor, enrollment_id: UUID) -> EnrollmentView:
        view = self._queries.enrollment_of(actor.user_id, enrollment_id)
        if view is None:
            raise EnrollmentNotFound()
        return view
