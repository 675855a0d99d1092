"""Direct uploads of lesson videos and attachments to object storage, and video links."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import redirect
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, optional_actor, public, signed_in
from skillwise.entrypoints.http.errors import ErrorSchema
from skillwise.entrypoints.http.schemas.uploads import (
    CompletedUploadSchema,
    UploadFormSchema,
    UploadRequestSchema,
)

blp = Blueprint("uploads", __name__, description="Direct uploads to object storage")

_UNAVAILABLE = "Files stay on the API's disk here (direct_upload_unavailable)"
_NOT_OWNER = "Neither the course's owner nor an admin (not_course_owner)"
_OPTIONAL_AUTH = [{}, {"bearerAuth": []}]


@blp.route("/lessons/<uuid:lesson_id>/uploads/")
class LessonUploads(MethodView):
    @signed_in
    @blp.doc(operationId="startLessonUpload")
    @blp.arguments(UploadRequestSchema)
    @blp.response(201, UploadFormSchema)
    @blp.alt_response(401, schema=ErrorSchema, description="Not signed in")
    @blp.alt_response(403, schema=ErrorSchema, description=_NOT_OWNER)
    @blp.alt_response(404, schema=ErrorSchema, description="No such lesson (lesson_not_found)")
    @blp.alt_response(409, schema=ErrorSchema, description=_UNAVAILABLE)
    @blp.alt_response(
        422,
        schema=ErrorSchema,
        description="Too large (attachment_too_large, video_too_large) or a type not accepted "
        "(attachment_type_not_allowed, video_type_not_allowed)",
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
    @blp.doc(operationId="completeUpload")
    @blp.response(200, CompletedUploadSchema)
    @blp.alt_response(401, schema=ErrorSchema, description="Not signed in")
    @blp.alt_response(403, schema=ErrorSchema, description=_NOT_OWNER)
    @blp.alt_response(404, schema=ErrorSchema, description="No such upload (upload_not_found)")
    @blp.alt_response(
        409,
        schema=ErrorSchema,
        description=f"Completed or refused already (upload_not_pending); {_UNAVAILABLE}",
    )
    @blp.alt_response(
        422,
        schema=ErrorSchema,
        description="Nothing arrived yet (upload_missing), or refused and deleted: "
        "upload_size_mismatch, upload_type_mismatch, attachment_content_mismatch, "
        "attachment_empty, video_content_mismatch",
    )
    @inject
    def post(self, upload_id, complete_upload=Provide[Container.catalog.complete_direct_upload]):
        """Check the uploaded file and attach it: an attachment, or the lesson's video."""
        return complete_upload(current_actor(), upload_id)


@blp.route("/lessons/<uuid:lesson_id>/video/")
class LessonVideo(MethodView):
    @public
    @blp.doc(operationId="getLessonVideo", security=_OPTIONAL_AUTH)
    @blp.response(
        302,
        description="Redirects to a link to the video that expires within minutes",
        headers={"Location": {"schema": {"type": "string", "format": "uri"}}},
    )
    @blp.alt_response(401, schema=ErrorSchema, description="A guest, and not a preview lesson")
    @blp.alt_response(403, schema=ErrorSchema, description="Not allowed to read the lesson")
    @blp.alt_response(
        404,
        schema=ErrorSchema,
        description="No such lesson (lesson_not_found), or no uploaded video (video_not_found)",
    )
    @blp.alt_response(409, schema=ErrorSchema, description=_UNAVAILABLE)
    @inject
    def get(self, lesson_id, link_video=Provide[Container.catalog.link_lesson_video]):
        """Watch a lesson's uploaded video: for whoever may read the lesson."""
        return redirect(link_video(optional_actor(), lesson_id), code=302)
