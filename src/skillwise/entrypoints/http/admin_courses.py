"""Every course on the platform, for admins."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from marshmallow import fields

from skillwise.containers import Container
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.courses import course_filters
from skillwise.entrypoints.http.schemas.catalog import CourseFilterArgs, InstructorCourseSchema
from skillwise.entrypoints.http.schemas.common import page_body, page_of, page_request

blp = Blueprint("admin_courses", __name__, url_prefix="/admin", description="Manage courses")


class AdminCourseListArgs(CourseFilterArgs):
    status = fields.Enum(CourseStatus, by_value=True, metadata={"description": "Default: any"})


@blp.route("/courses/")
class AdminCourses(MethodView):
    @roles(Role.ADMIN)
    @operation("listAllCourses")
    @blp.arguments(AdminCourseListArgs, location="query")
    @blp.response(200, page_of(InstructorCourseSchema))
    @fails(
        422,
        "A filter, the ordering or the page is not valid",
        "unprocessable_entity",
        "invalid_price_range",
    )
    @inject
    def get(self, args, list_all_courses=Provide[Container.catalog.list_all_courses]):
        """Every course of every instructor, drafts and archived ones included.

        Takes the public catalog's filters and ordering, plus `status`.
        """
        courses = list_all_courses(
            current_actor(),
            course_filters(args),
            args.get("status"),
            args.get("ordering"),
            page_request(args),
        )
        return page_body(courses)
