"""ListEnrollments: the caller's enrollments with a course summary and progress."""

from __future__ import annotations

from skillwise.application.learning.ports import EnrollmentView, LearningQueries
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.identity import Actor


class ListEnrollments:
    """Most recently started first; a fixed number of statements per page."""

    def __init__(self, queries: LearningQueries) -> None:
        self._queries = queries

    def __call__(self, actor: Actor, request: PageRequest) -> Page[EnrollmentView]:
        return self._queries.enrollments_of(actor.user_id, request)
