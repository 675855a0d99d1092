"""Files attached to lessons: uploaded by the course's instructor, downloaded by readers."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.application.catalog.ports import IncomingFile
from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, optional_actor, public, signed_in
from skillwise.entrypoints.http.schemas.catalog import AttachmentSchema, AttachmentUploadSchema

blp = Blueprint("attachments", __name__, description="Lesson attachments")


@blp.route("/lessons/<uuid:lesson_id>/attachments/")
class LessonAttachments(MethodView):
    @signed_in
    @blp.arguments(AttachmentUploadSchema, location="files")
    @blp.response(201, AttachmentSchema)
    @blp.alt_response(403, description="Neither the course's instructor nor an admin")
    @blp.alt_response(404, description="No such lesson")
    @blp.alt_response(413, description="The request is far larger than the size limit")
    @blp.alt_response(
        422,
        description="Too large (attachment_too_large), a type not accepted "
        "(attachment_type_not_allowed) or contents that are not what the type says "
        "(attachment_content_mismatch)",
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
    @public
    @blp.response(
        200,
        content_type="application/octet-stream",
        description="The file, as a download under its original name",
    )
    @blp.alt_response(401, description="A guest, and the lesson is not a preview")
    @blp.alt_response(403, description="Not allowed to read the lesson")
    @blp.alt_response(404, description="No such attachment")
    @inject
    def get(
        self, attachment_id, download_attachment=Provide[Container.catalog.download_attachment]
    ):
        """Download an attachment: for whoever may read its lesson."""
        download = download_attachment(optional_actor(), attachment_id)
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
    @blp.response(204)
    @blp.alt_response(403, description="Neither the course's instructor nor an admin")
    @blp.alt_response(404, description="No such attachment")
    @inject
    def delete(self, attachment_id, delete_attachment=Provide[Container.catalog.delete_attachment]):
        """Delete an attachment and its file."""
        delete_attachment(current_actor(), attachment_id)
