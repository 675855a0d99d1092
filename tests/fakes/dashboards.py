"""A stand-in for the dashboards' read port: answers what a test gives it, keeps what it was
asked (the figures themselves are SQL's, checked in the integration tests)."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.dashboards.ports import (
    CourseActivity,
    EarningsInCurrency,
    InstructorStats,
)
from skillwise.application.dashboards.window import Window
from skillwise.application.shared.pagination import Page

NO_ACTIVITY = CourseActivity(students=0, completed=0, enrollments_by_day=[], lessons=[], ratings={})


class FakeDashboardQueries:
    def __init__(
        self,
        earnings: list[EarningsInCurrency] | tuple = (),
        activity: CourseActivity = NO_ACTIVITY,
    ) -> None:
        self.earnings = list(earnings)
        self.activity = activity
        self.asked_for_students: list[UUID] = []
        self.asked_for_activity: list[tuple[UUID, Window]] = []

    def instructor_stats(self, instructor_id, since):
        return InstructorStats(
            total_courses=0,
            courses_by_status={},
            total_students=0,
            total_enrollments=0,
            completed_enrollments=0,
            recent_enrollments=0,
            rating_count=0,
            rating_sum=0,
            earnings=self.earnings,
            top_courses=[],
        )

    def platform_stats(self, since, top):
        self.asked_for_platform = (since, top)
        return "the platform's figures"

    def instructor_insights(self, instructor_id, window):
        self.asked_for_window = window
        return "my window's figures"

    def platform_insights(self, window, top):
        self.asked_for_window = window
        return "the window's figures"

    def course_students(self, course_id, request):
        self.asked_for_students.append(course_id)
        return Page(items=[], total=0, request=request)

    def course_activity(self, course_id: UUID, window: Window) -> CourseActivity:
        self.asked_for_activity.append((course_id, window))
        return self.activity
