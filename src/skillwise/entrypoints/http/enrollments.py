"""Enrolling in a course and the caller's enrollments."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.examples import COURSE_PROGRESS, PROGRESS_REQUEST
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
    @operation("enrollInCourse")
    @blp.response(201, EnrollmentSchema, description="Enrolled now")
    @blp.alt_response(
        200, schema=EnrollmentSchema, description="Already enrolled: the same one", success=True
    )
    @fails(402, "A paid course without a succeeded payment", "payment_required")
    @fails(403, "The caller teaches this course", "own_course")
    @fails(404, "No such published course", "course_not_found", "enrollment_not_found")
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
    @operation("listEnrollments")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(EnrollmentSchema))
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_enrollments=Provide[Container.learning.list_enrollments]):
        """My enrollments, most recently started first, with course and progress.

        Each says what it gives now in `access`: `suspended` (with `suspension_reason`
        `payment_disputed`) while the payment is disputed at the bank, `revoked` once
        refunded or charged back; revoked enrollments stay listed with status `refunded`.
        """
        return page_body(list_enrollments(current_actor(), page_request(args)))


@blp.route("/enrollments/<uuid:enrollment_id>/")
class EnrollmentDetail(MethodView):
    @signed_in
    @operation("getEnrollment")
    @blp.response(200, EnrollmentSchema)
    @fails(404, "No such enrollment of mine", "enrollment_not_found")
    @inject
    def get(self, enrollment_id, get_enrollment=Provide[Container.learning.get_enrollment]):
        """One of my enrollments, with its `access` as the list shows it."""
        return get_enrollment(current_actor(), enrollment_id)


@blp.route("/enrollments/<uuid:enrollment_id>/progress/")
class EnrollmentProgress(MethodView):
    @signed_in
    @operation("recordProgress")
    @blp.arguments(ProgressUpdateSchema, example=PROGRESS_REQUEST)
    @blp.response(200, CourseProgressSchema, example=COURSE_PROGRESS)
    @fails(
        403,
        "The enrollment was refunded, or is suspended while its payment is disputed",
        "enrollment_refunded",
        "payment_disputed",
    )
    @fails(404, "No such enrollment of mine", "enrollment_not_found")
    @fails(
        422,
        "Nothing to record, the lesson is not in this course, or a bad position",
        "unprocessable_entity",
        "nothing_to_record",
        "lesson_not_in_course",
        "invalid_position",
    )
    @inject
    def patch(
        self, body, enrollment_id, record_progress=Provide[Container.learning.record_progress]
    ):
        """Mark a lesson done or not, and remember where its playback stopped.

        Finishing the last lesson completes the enrollment. Answers the course progress.
        """
        return record_progress(current_actor(), enrollment_id, **body)
