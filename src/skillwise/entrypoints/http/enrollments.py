"""Enrolling in a course and the caller's enrollments."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.learning import (
    CourseProgressSchema,
    EnrollmentSchema,
    ProgressUpdateSchema,
)

blp = Blueprint("enrollments", __name__, description="Enrollment in courses")


@blp.route("/courses/<uuid:course_id>/enroll/")
class Enroll(MethodView):
    @signed_in
    @blp.response(201, EnrollmentSchema, description="Enrolled now")
    @blp.alt_response(200, schema=EnrollmentSchema, description="Already enrolled: the same one")
    @blp.alt_response(402, description="A paid course without a succeeded payment")
    @blp.alt_response(403, description="The caller teaches this course")
    @blp.alt_response(404, description="No such published course")
    @inject
    def post(self, course_id, enroll_in_course=Provide[Container.learning.enroll_in_course]):
        """Enroll in a course.

        A free published course enrolls at once; a paid one needs a succeeded payment for it
        first (see `/payments/create/`). Enrolling again answers the existing enrollment.
        """
        enrollment, created = enroll_in_course(current_actor(), course_id)
        return enrollment, 201 if created else 200


@blp.route("/enrollments/")
class Enrollments(MethodView):
    @signed_in
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(EnrollmentSchema))
    @inject
    def get(self, args, list_enrollments=Provide[Container.learning.list_enrollments]):
        """My enrollments, most recently started first, with course and progress."""
        return page_body(list_enrollments(current_actor(), page_request(args)))


@blp.route("/enrollments/<uuid:enrollment_id>/")
class EnrollmentDetail(MethodView):
    @signed_in
    @blp.response(200, EnrollmentSchema)
    @blp.alt_response(404, description="No such enrollment of mine")
    @inject
    def get(self, enrollment_id, get_enrollment=Provide[Container.learning.get_enrollment]):
        """One of my enrollments."""
        return get_enrollment(current_actor(), enrollment_id)


@blp.route("/enrollments/<uuid:enrollment_id>/progress/")
class EnrollmentProgress(MethodView):
    @signed_in
    @blp.arguments(ProgressUpdateSchema)
    @blp.response(200, CourseProgressSchema)
    @blp.alt_response(403, description="The enrollment was refunded")
    @blp.alt_response(404, description="No such enrollment of mine")
    @blp.alt_response(422, description="The lesson is not in this course, or a bad position")
    @inject
    def patch(
        self, body, enrollment_id, record_progress=Provide[Container.learning.record_progress]
    ):
        """Mark a lesson done or not, and remember where its playback stopped.

        Finishing the last lesson completes the enrollment. Answers the course progress.
        """
        return record_progress(current_actor(), enrollment_id, **body)
