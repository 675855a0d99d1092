"""Modules of a course, in order."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public_or_signed_in,
    signed_in,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.catalog import ModuleOutlineSchema
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.outline import ModuleCreateSchema, ModuleUpdateSchema

blp = Blueprint("modules", __name__, description="Modules of a course")


@blp.route("/courses/<uuid:course_id>/modules/")
class CourseModules(MethodView):
    @public_or_signed_in
    @operation("listModules")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(ModuleOutlineSchema))
    @fails(404, "No such course, or a draft or archived one not mine", "course_not_found")
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, course_id, list_modules=Provide[Container.catalog.list_modules]):
        """A course's modules by position, each with its lesson titles (never content)."""
        return page_body(list_modules(optional_actor(), course_id, page_request(args)))

    @signed_in
    @operation("createModule")
    @blp.arguments(ModuleCreateSchema)
    @blp.response(201, ModuleOutlineSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such course", "course_not_found")
    @fails(422, "Not valid: see `errors`", "unprocessable_entity", "blank_title")
    @inject
    def post(self, new_module, course_id, add_module=Provide[Container.catalog.add_module]):
        """Add a module (the course's instructor or an admin), at the end or at `position`;
        the modules from there on move down one place."""
        return add_module(current_actor(), course_id, **new_module)


@blp.route("/modules/<uuid:module_id>/")
class ModuleById(MethodView):
    @signed_in
    @operation("updateModule")
    @blp.arguments(ModuleUpdateSchema)
    @blp.response(200, ModuleOutlineSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such module", "module_not_found")
    @fails(422, "Not valid: see `errors`", "unprocessable_entity", "blank_title")
    @inject
    def patch(self, changes, module_id, update_module=Provide[Container.catalog.update_module]):
        """Rename a module or move it to `position`; the others are renumbered 1..n."""
        return update_module(current_actor(), module_id, **changes)

    @signed_in
    @operation("deleteModule")
    @blp.response(204)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such module", "module_not_found")
    @inject
    def delete(self, module_id, delete_module=Provide[Container.catalog.delete_module]):
        """Delete a module with its lessons and their files; the modules after it move up."""
        delete_module(current_actor(), module_id)
