"""ListInstructorCourses: the caller's own courses, whatever their status."""

from __future__ import annotations

from skillwise.application.catalog.ports import CourseQueries
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.identity import Actor


class ListInstructorCourses:
    """Drafts, published and archived courses taught by the calling instructor or admin."""

    def __init__(self, queries: CourseQueries) -> None:
        self._queries = queries

    def __call__(self, actor: Actor, page: PageRequest) -> Page[CourseSummary]:
        if not actor.can_teach:
            raise PermissionDenied("Only instructors and admins teach.", code="role_not_allowed")
        return self._queries.courses_taught_by(actor.user_id, page)
