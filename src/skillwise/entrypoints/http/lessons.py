"""Lessons of a module: outline for everyone who may see the course, content for those who
may read it."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.application.catalog.use_cases.add_lesson import NewLesson
from skillwise.containers import Container
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public_or_signed_in,
    signed_in,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.outline import (
    LessonCreateSchema,
    LessonListItemSchema,
    LessonSchema,
    LessonUpdateSchema,
)

blp = Blueprint("lessons", __name__, description="Lessons of a module")


@blp.route("/modules/<uuid:module_id>/lessons/")
class ModuleLessons(MethodView):
    @public_or_signed_in
    @operation("listLessons")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(LessonListItemSchema))
    @fails(404, "No such module, or its course is not visible to me", "module_not_found")
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, module_id, list_lessons=Provide[Container.catalog.list_lessons]):
        """A module's lessons by position. Content, video and attachments are included for
        the lessons I may read (`content_available`)."""
        return page_body(list_lessons(optional_actor(), module_id, page_request(args)))

    @signed_in
    @operation("createLesson")
    @blp.arguments(LessonCreateSchema)
    @blp.response(201, LessonSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such module", "module_not_found")
    @fails(422, "Not valid: see `errors`", "unprocessable_entity", "blank_title")
    @inject
    def post(self, new_lesson, module_id, add_lesson=Provide[Container.catalog.add_lesson]):
        """Add a lesson (the course's instructor or an admin), at the end or at `position`;
        the lessons from there on move down one place."""
        return add_lesson(current_actor(), module_id, NewLesson(**new_lesson))


@blp.route("/lessons/<uuid:lesson_id>/")
class LessonById(MethodView):
    @public_or_signed_in
    @operation("getLesson")
    @blp.response(200, LessonSchema)
    @fails(401, "A guest, and the lesson is not a preview", "authentication_required")
    @fails(
        403,
        "Not enrolled and not a preview, or access suspended while the payment is disputed",
        "not_enrolled",
        "payment_disputed",
    )
    @fails(404, "No such lesson, or its course is not visible to me", "lesson_not_found")
    @inject
    def get(self, lesson_id, read_lesson=Provide[Container.catalog.read_lesson]):
        """A lesson with its content, video and attachments: for enrolled students, the
        course's instructor and admins, and for anyone when it is a preview of a published
        course."""
        return read_lesson(optional_actor(), lesson_id)

    @signed_in
    @operation("updateLesson")
    @blp.arguments(LessonUpdateSchema)
    @blp.response(200, LessonSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such lesson", "lesson_not_found")
    @fails(422, "Not valid: see `errors`", "unprocessable_entity", "blank_title")
    @inject
    def patch(self, changes, lesson_id, update_lesson=Provide[Container.catalog.update_lesson]):
        """Edit a lesson or move it to `position` in its module; the others are renumbered."""
        return update_lesson(current_actor(), lesson_id, changes)

    @signed_in
    @operation("deleteLesson")
    @blp.response(204)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such lesson", "lesson_not_found")
    @inject
    def delete(self, lesson_id, delete_lesson=Provide[Container.catalog.delete_lesson]):
        """Delete a lesson and its files; the lessons after it move up."""
        delete_lesson(current_actor(), lesson_id)
