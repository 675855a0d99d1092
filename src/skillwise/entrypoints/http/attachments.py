"""Files attached to lessons: uploaded by the course's instructor, downloaded by readers."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import redirect, send_file
from flask.views import MethodView

from skillwise.application.catalog.ports import IncomingFile
from skillwise.containers import Container
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public_or_signed_in,
    signed_in,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.outline import AttachmentSchema, AttachmentUploadSchema

blp = Blueprint("attachments", __name__, description="Lesson attachments")


@blp.route("/lessons/<uuid:lesson_id>/attachments/")
class LessonAttachments(MethodView):
    @signed_in
    @operation("uploadAttachment")
    @blp.arguments(AttachmentUploadSchema, location="files")
    @blp.response(201, AttachmentSchema)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such lesson", "lesson_not_found")
    @fails(413, "The request is far larger than the size limit", "request_entity_too_large")
    @fails(
        422,
        "No file, an empty or too large one, a type not accepted or contents that are not "
        "what the type says",
        "unprocessable_entity",
        "attachment_empty",
        "attachment_too_large",
        "attachment_type_not_allowed",
        "attachment_content_mismatch",
    )
    @inject
    def post(
        self, upload, lesson_id, upload_attachment=Provide[Container.catalog.upload_attachment]
    ):
        """Attach a file to a lesson (multipart field `file`), 25 MB at most by default."""
        file = upload["file"]
        incoming = IncomingFile(
            filename=file.filename, declared_type=file.mimetype, stream=file.stream
        )
        return upload_attachment(current_actor(), lesson_id, incoming)


@blp.route("/attachments/<uuid:attachment_id>/")
class AttachmentById(MethodView):
    @public_or_signed_in
    @operation("downloadAttachment")
    @blp.response(
        200,
        {"type": "string", "format": "binary"},
        content_type="application/octet-stream",
        description="The file, as a download under its original name (its real type in "
        "Content-Type)",
    )
    @fails(401, "A guest, and the lesson is not a preview", "authentication_required")
    @fails(403, "Not allowed to read the lesson", "not_enrolled", "payment_disputed")
    @fails(
        404,
        "No such attachment, or its file is missing",
        "attachment_not_found",
        "attachment_file_missing",
    )
    @inject
    def get(
        self, attachment_id, download_attachment=Provide[Container.catalog.download_attachment]
    ):
        """Download an attachment: for whoever may read its lesson."""
        download = download_attachment(optional_actor(), attachment_id)
        if download.url is not None:
            return redirect(download.url, code=302)
        response = send_file(
            download.stream,
            mimetype=download.attachment.content_type,
            as_attachment=True,
            download_name=download.attachment.filename,
            max_age=0,
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @signed_in
    @operation("deleteAttachment")
    @blp.response(204)
    @fails(403, "Neither the course's instructor nor an admin", "not_course_owner")
    @fails(404, "No such attachment", "attachment_not_found")
    @inject
    def delete(self, attachment_id, delete_attachment=Provide[Container.catalog.delete_attachment]):
        """Delete an attachment and its file."""
        delete_attachment(current_actor(), attachment_id)
