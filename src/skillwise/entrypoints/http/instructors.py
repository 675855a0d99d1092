"""An instructor's own courses."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.catalog import InstructorCourseSchema
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)

blp = Blueprint("instructor_courses", __name__, url_prefix="/instructors", description="My courses")


@blp.route("/courses/")
class InstructorCourses(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("listMyCourses")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(InstructorCourseSchema))
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_instructor_courses=Provide[Container.catalog.list_instructor_courses]):
        """The courses I teach, drafts and archived ones included, newest first."""
        return page_body(list_instructor_courses(current_actor(), page_request(args)))
