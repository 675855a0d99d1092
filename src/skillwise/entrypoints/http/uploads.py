"""Direct uploads of lesson videos and attachments to object storage, and video links."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import redirect
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
from skillwise.entrypoints.http.schemas.uploads import (
    CompletedUploadSchema,
    UploadFormSchema,
    UploadRequestSchema,
)

blp = Blueprint("uploads", __name__, description="Direct uploads to object storage")

_UNAVAILABLE = "Files stay on the API's disk here (direct_upload_unavailable)"
_NOT_OWNER = "Neither the course's owner nor an admin (not_course_owner)"


@blp.route("/lessons/<uuid:lesson_id>/uploads/")
class LessonUploads(MethodView):
    @signed_in
    @operation("startLessonUpload")
    @blp.arguments(UploadRequestSchema)
    @blp.response(201, UploadFormSchema)
    @fails(403, "Neither the course's owner nor an admin", "not_course_owner")
    @fails(404, "No such lesson", "lesson_not_found")
    @fails(409, "Files stay on the API's disk here", "direct_upload_unavailable")
    @fails(
        422,
        "Too large or a type not accepted",
        "attachment_too_large",
        "video_too_large",
        "attachment_type_not_allowed",
        "video_type_not_allowed",
    )
    @inject
    def post(
        self, declared, lesson_id, start_upload=Provide[Container.catalog.start_direct_upload]
    ):
        """Sign a form that uploads one file of exactly the declared size and type.

        POST `fields` and then the file (as `file`) as multipart form data to `url` before
        `expires_at`, then complete the upload.
        """
        return start_upload(current_actor(), lesson_id, **declared)


@blp.route("/uploads/<uuid:upload_id>/complete/")
class CompleteUpload(MethodView):
    @signed_in
    @operation("completeUpload")
    @blp.response(200, CompletedUploadSchema)
    @fails(403, "Neither the course's owner nor an admin", "not_course_owner")
    @fails(404, "No such upload", "upload_not_found")
    @fails(
        409,
        "Completed or refused already; Files stay on the API's disk here",
        "upload_not_pending",
        "direct_upload_unavailable",
    )
    @fails(
        422,
        "Nothing arrived yet, or refused and deleted",
        "upload_missing",
        "upload_size_mismatch",
        "upload_type_mismatch",
        "attachment_content_mismatch",
        "attachment_empty",
        "video_content_mismatch",
    )
    @inject
    def post(self, upload_id, complete_upload=Provide[Container.catalog.complete_direct_upload]):
        """Check the uploaded file and attach it: an attachment, or the lesson's video."""
        return complete_upload(current_actor(), upload_id)


@blp.route("/lessons/<uuid:lesson_id>/video/")
class LessonVideo(MethodView):
    @public_or_signed_in
    @operation("getLessonVideo")
    @blp.response(
        302,
        description="Redirects to a link to the video that expires within minutes",
        headers={"Location": {"schema": {"type": "string", "format": "uri"}}},
    )
    @fails(403, "Not allowed to read the lesson", "not_enrolled")
    @fails(404, "No such lesson, or no uploaded video", "lesson_not_found", "video_not_found")
    @fails(409, "Files stay on the API's disk here", "direct_upload_unavailable")
    @inject
    def get(self, lesson_id, link_video=Provide[Container.catalog.link_lesson_video]):
        """Watch a lesson's uploaded video: for whoever may read the lesson."""
        return redirect(link_video(optional_actor(), lesson_id), code=302)
