"""Direct uploads: the declared file, the signed form, and what completing it attached."""

from __future__ import annotations

from marshmallow import fields, validate

from skillwise.domain.uploads import UploadKind, UploadStatus
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp
from skillwise.entrypoints.http.schemas.outline import AttachmentSchema

# JavaScript clients lose precision on integers past 2**53.
MAX_DECLARED_SIZE = 2**53 - 1


class UploadRequestSchema(BaseSchema):
    kind = fields.Enum(UploadKind, by_value=True, required=True)
    filename = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    content_type = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "video/mp4, video/webm, video/quicktime, or an attachment type"},
    )
    size = fields.Integer(
        required=True,
        validate=validate.Range(min=1, max=MAX_DECLARED_SIZE),
        metadata={"description": "Bytes; the store accepts exactly this many."},
    )


class UploadFormSchema(BaseSchema):
    id = fields.UUID(required=True, attribute="upload.id")
    url = fields.String(required=True, metadata={"description": "POST the form here"})
    fields_ = fields.Dict(
        data_key="fields",
        attribute="fields",
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={
            "description": "Send these as multipart form fields, then the file as `file`, last."
        },
    )
    expires_at = Timestamp(required=True, attribute="upload.expires_at")


class CompletedUploadSchema(BaseSchema):
    id = fields.UUID(required=True, attribute="upload.id")
    lesson_id = fields.UUID(required=True, attribute="upload.lesson_id")
    kind = fields.Enum(UploadKind, by_value=True, required=True, attribute="upload.kind")
    status = fields.Enum(UploadStatus, by_value=True, required=True, attribute="upload.status")
    attachment = fields.Nested(
        AttachmentSchema,
        allow_none=True,
        required=True,
        metadata={"description": "The attachment made, for kind `attachment`"},
    )
    video_url = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "The lesson's new video address, for kind `video`"},
    )
