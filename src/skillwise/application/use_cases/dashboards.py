"""The instructor dashboard, a course's students, and the platform analytics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from skillwise.application.pagination import Page, PageRequest
from skillwise.application.ports.clock import Clock
from skillwise.application.ports.dashboards import (
    CourseStudent,
    DashboardQueries,
    InstructorStats,
    PlatformStats,
)
from skillwise.application.ports.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound
from skillwise.domain.identity import Actor

RECENT = timedelta(days=30)
TOP = 10


@dataclass(frozen=True, slots=True)
class InstructorDashboard:
    stats: InstructorStats
    currency: str
    total_earnings: int


class GetInstructorDashboard:
    """An instructor's courses, students, ratings and net earnings at a glance.

    `total_earnings` is given in the currency the instructor has earned most in (net), so a
    single figure is honest; every currency is listed in `earnings`.
    """

    def __init__(self, queries: DashboardQueries, clock: Clock, default_currency: str = "USD"):
        self._queries = queries
        self._clock = clock
        self._default_currency = default_currency

    def __call__(self, actor: Actor) -> InstructorDashboard:
        stats = self._queries.instructor_stats(actor.user_id, self._clock.now() - RECENT)
        main = max(stats.earnings, key=lambda e: (e.net, e.currency), default=None)
        return InstructorDashboard(
            stats=stats,
            currency=main.currency if main else self._default_currency,
            total_earnings=main.net if main else 0,
        )


class ListCourseStudents:
    """The students of one course, with their progress; for its instructor and admins only."""

    def __init__(self, uow: UnitOfWork, queries: DashboardQueries) -> None:
        self._uow = uow
        self._queries = queries

    def __call__(self, actor: Actor, course_id, request: PageRequest) -> Page[CourseStudent]:
        with self._uow as uow:
            course = uow.courses.get(course_id)
        if course is None or not actor.owns_or_administers(course.instructor_id):
            raise NotFound("No such course among yours.", code="course_not_found")
        return self._queries.course_students(course_id, request)


class GetPlatformAnalytics:
    """Platform-wide figures for admins: users, courses, enrollments, money, top lists."""

    def __init__(self, queries: DashboardQueries, clock: Clock) -> None:
        self._queries = queries
        self._clock = clock

    def __call__(self) -> PlatformStats:
        return self._queries.platform_stats(self._clock.now() - RECENT, TOP)
