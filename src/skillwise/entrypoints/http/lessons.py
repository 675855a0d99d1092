"""Lessons of a module: outline for everyone who may see the course, content for those who
may read it."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.application.catalog.use_cases.add_lesson import NewLesson
from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, optional_actor, public, signed_in
from skillwise.entrypoints.http.schemas.catalog import (
    LessonCreateSchema,
    LessonListItemSchema,
    LessonSchema,
    LessonUpdateSchema,
)
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)

blp = Blueprint("lessons", __name__, description="Lessons of a module")


@blp.route("/modules/<uuid:module_id>/lessons/")
class ModuleLessons(MethodView):
    @public
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(LessonListItemSchema))
    @blp.alt_response(404, description="No such module, or its course is not visible to me")
    @inject
    def get(self, args, module_id, list_lessons=Provide[Container.catalog.list_lessons]):
        """A module's lessons by position. Content, video and attachments are included for
        the lessons I may read (`content_available`)."""
        return page_body(list_lessons(optional_actor(), module_id, page_request(args)))

    @signed_in
    @blp.arguments(LessonCreateSchema)
    @blp.response(201, LessonSchema)
    @blp.alt_response(403, description="Neither the course's instructor nor an admin")
    @blp.alt_response(404, description="No such module")
    @inject
    def post(self, new_lesson, module_id, add_lesson=Provide[Container.catalog.add_lesson]):
        """Add a lesson (the course's instructor or an admin), at the end or at `position`;
        the lessons from there on move down one place."""
        return add_lesson(current_actor(), module_id, NewLesson(**new_lesson))


@blp.route("/lessons/<uuid:lesson_id>/")
class LessonById(MethodView):
    @public
    @blp.response(200, LessonSchema)
    @blp.alt_response(401, description="A guest, and the lesson is not a preview")
    @blp.alt_response(403, description="Not enrolled, and the lesson is not a preview")
    @blp.alt_response(404, description="No such lesson, or its course is not visible to me")
    @inject
    def get(self, lesson_id, read_lesson=Provide[Container.catalog.read_lesson]):
        """A lesson with its content, video and attachments: for enrolled students, the
        course's instructor and admins, and for anyone when it is a preview of a published
        course."""
        return read_lesson(optional_actor(), lesson_id)

    @signed_in
    @blp.arguments(LessonUpdateSchema)
    @blp.response(200, LessonSchema)
    @blp.alt_response(403, description="Neither the course's instructor nor an admin")
    @blp.alt_response(404, description="No such lesson")
    @inject
    def patch(self, changes, lesson_id, update_lesson=Provide[Container.catalog.update_lesson]):
        """Edit a lesson or move it to `position` in its module; the others are renumbered."""
        return update_lesson(current_actor(), lesson_id, changes)

    @signed_in
    @blp.response(204)
    @blp.alt_response(403, description="Neither the course's instructor nor an admin")
    @blp.alt_response(404, description="No such lesson")
    @inject
    def delete(self, lesson_id, delete_lesson=Provide[Container.catalog.delete_lesson]):
        """Delete a lesson and its files; the lessons after it move up."""
        delete_lesson(current_actor(), lesson_id)
