"""GetCourseAnalytics: how one course's students enroll, progress, drop off and rate it."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.dashboards.ports import CourseAnalytics, DashboardQueries
from skillwise.application.dashboards.window import resolve_window
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class GetCourseAnalytics:
    """For the course's instructor and admins. Enrollments are counted per day of a window;
    completion, progress, drop-off and ratings cover the course's whole life."""

    def __init__(self, uow: UnitOfWork, queries: DashboardQueries, clock: Clock) -> None:
        self._uow = uow
        self._queries = queries
        self._clock = clock

    def __call__(
        self,
        actor: Actor,
        course_id: UUID,
        first: date | None = None,
        last: date | None = None,
    ) -> CourseAnalytics:
        with self._uow as uow:
            # Another instructor's published course is refused (403), a draft stays unknown.
            CatalogAccess(uow, actor).editable_course(uow.courses.get(course_id))
        window = resolve_window(first, last, self._clock.now().date())
        return CourseAnalytics(
            course_id=course_id,
            window=window,
            activity=self._queries.course_activity(course_id, window),
        )
