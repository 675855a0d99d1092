"""Where the caller stands in a course, to show progress and resume."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.examples import COURSE_PROGRESS
from skillwise.entrypoints.http.schemas.learning import CourseProgressSchema

blp = Blueprint("progress", __name__, description="Learning progress")


@blp.route("/progress/<uuid:course_id>/")
class Progress(MethodView):
    @signed_in
    @operation("getProgress")
    @blp.response(200, CourseProgressSchema, example=COURSE_PROGRESS)
    @fails(404, "Not enrolled in this course", "not_enrolled")
    @inject
    def get(self, course_id, get_progress=Provide[Container.learning.get_progress]):
        """My progress in a course, lesson by lesson in outline order.

        `percent` counts the course's current lessons, so it drops when lessons are added;
        `last_lesson_id` is where to resume.
        """
        return get_progress(current_actor(), course_id)
