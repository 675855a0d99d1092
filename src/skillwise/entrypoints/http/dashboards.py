"""The instructor dashboard, a course's students and analytics, and the admin analytics."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.dashboards import (
    CourseAnalyticsSchema,
    CourseStudentSchema,
    InstructorDashboardSchema,
    PlatformAnalyticsSchema,
    WindowArgs,
)

blp = Blueprint("dashboards", __name__, description="Instructor and admin dashboards")


@blp.route("/instructors/dashboard/")
class InstructorDashboard(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("getInstructorDashboard")
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, InstructorDashboardSchema)
    @fails(422, "The window is not valid", "unprocessable_entity", "invalid_window")
    @inject
    def get(
        self, args, get_instructor_dashboard=Provide[Container.dashboards.get_instructor_dashboard]
    ):
        """My courses, students, ratings and earnings at a glance, with my revenue by month
        and by course over a window of UTC days (`from` and `to` included; by default the
        last 30 days)."""
        return get_instructor_dashboard(current_actor(), args["first"], args["last"])


@blp.route("/instructors/courses/<uuid:course_id>/students/")
class CourseStudents(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("listCourseStudents")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(CourseStudentSchema))
    @fails(404, "No such course among mine", "course_not_found")
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(
        self,
        args,
        course_id,
        list_course_students=Provide[Container.dashboards.list_course_students],
    ):
        """The students enrolled in one of my courses, newest first, with their progress.

        Another instructor's course answers 404.
        """
        return page_body(list_course_students(current_actor(), course_id, page_request(args)))


@blp.route("/instructors/courses/<uuid:course_id>/analytics/")
class CourseAnalytics(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("getCourseAnalytics")
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, CourseAnalyticsSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such course", "course_not_found")
    @fails(422, "The window is not valid", "unprocessable_entity", "invalid_window")
    @inject
    def get(
        self,
        args,
        course_id,
        get_course_analytics=Provide[Container.dashboards.get_course_analytics],
    ):
        """How one of my courses does: enrollments on each UTC day of a window (`from` and
        `to` included; by default the last 30 days), and over the course's whole life its
        completion rate, average progress, the share of students who completed each lesson,
        and how it was rated. Another instructor's draft answers 404."""
        return get_course_analytics(current_actor(), course_id, args["first"], args["last"])


@blp.route("/admin/analytics/")
class PlatformAnalytics(MethodView):
    @roles(Role.ADMIN)
    @operation("getPlatformAnalytics")
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, PlatformAnalyticsSchema)
    @fails(422, "The window is not valid", "unprocessable_entity", "invalid_window")
    @inject
    def get(
        self, args, get_platform_analytics=Provide[Container.dashboards.get_platform_analytics]
    ):
        """Platform-wide figures: all-time totals, the top courses and most active learners of
        the last 30 days, and money, signups, enrollments and rates over a window of UTC days
        (`from` and `to` included; by default the last 30 days)."""
        return get_platform_analytics(current_actor(), args["first"], args["last"])
