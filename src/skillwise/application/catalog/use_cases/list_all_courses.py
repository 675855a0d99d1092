"""ListAllCourses: every course on the platform, for admins managing the catalog."""

from __future__ import annotations

from skillwise.application.catalog.ports import CourseFilters, CourseOrdering, CourseQueries
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.identity import Actor


class ListAllCourses:
    """Drafts, published and archived courses of every instructor, with the public filters."""

    def __init__(self, queries: CourseQueries) -> None:
        self._queries = queries

    def __call__(
        self,
        actor: Actor,
        filters: CourseFilters,
        status: CourseStatus | None,
        ordering: CourseOrdering | None,
        page: PageRequest,
    ) -> Page[CourseSummary]:
        actor.ensure_is_admin("manage every course")
        return self._queries.all_courses(filters, status, ordering, page)
