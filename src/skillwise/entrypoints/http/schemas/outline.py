"""Schemas of a course's outline: modules, lessons and their attachments."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_smorest.fields import Upload
from marshmallow import fields, post_dump, pre_dump, validate

from skillwise.application.catalog.views import LessonView
from skillwise.domain.catalog.attachments import Attachment
from skillwise.entrypoints.http.schemas.catalog import WEB_URL
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp


class ModuleCreateSchema(BaseSchema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    position = fields.Integer(
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "1-based; at the end when left out or past the end."},
    )


class ModuleUpdateSchema(BaseSchema):
    title = fields.String(validate=validate.Length(min=1, max=200))
    position = fields.Integer(strict=True, validate=validate.Range(min=1))


class AttachmentSchema(BaseSchema):
    id = fields.UUID(required=True)
    lesson_id = fields.UUID(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(required=True)
    size_bytes = fields.Integer(required=True)
    download_url = fields.Method(
        "_download_url",
        required=True,
        metadata={"type": "string", "description": "Where to GET the file (a path of this API)."},
    )
    created_at = Timestamp(required=True)

    def _download_url(self, attachment: Attachment) -> str:
        return url_for("attachments.AttachmentById", attachment_id=attachment.id)


class LessonSchema(BaseSchema):
    id = fields.UUID(required=True)
    module_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    title = fields.String(required=True)
    position = fields.Integer(required=True)
    duration_seconds = fields.Integer(required=True)
    is_preview = fields.Boolean(required=True)
    content = fields.String(required=True, metadata={"description": "Markdown."})
    video_url = fields.String(allow_none=True, required=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), required=True)
    created_at = Timestamp(required=True)
    updated_at = Timestamp(required=True)

    @pre_dump
    def _flatten(self, view: LessonView, **_: Any) -> dict[str, Any]:
        lesson = view.lesson
        return {
            **{name: getattr(lesson, name) for name in _LESSON_ATTRIBUTES},
            "content_available": view.content_open,
            "attachments": view.attachments,
        }


_LESSON_ATTRIBUTES = (
    "id",
    "module_id",
    "course_id",
    "title",
    "position",
    "duration_seconds",
    "is_preview",
    "content",
    "video_url",
    "created_at",
    "updated_at",
)


_CONTENT_FIELDS = ("content", "video_url", "attachments")


class LessonListItemSchema(LessonSchema):
    """Content, video and attachments appear only where `content_available` is true."""

    content_available = fields.Boolean(required=True)
    content = fields.String(metadata={"description": "Markdown; only when content_available."})
    video_url = fields.String(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentSchema))

    @post_dump(pass_original=True)
    def _hide_closed_content(
        self, data: dict[str, Any], view: LessonView, **_: Any
    ) -> dict[str, Any]:
        if not view.content_open:
            for name in _CONTENT_FIELDS:
                data.pop(name, None)
        return data


class LessonCreateSchema(BaseSchema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    content = fields.String(
        load_default="",
        validate=validate.Length(max=200_000),
        metadata={"description": "Markdown."},
    )
    video_url = fields.String(load_default=None, allow_none=True, validate=WEB_URL)
    duration_seconds = fields.Integer(
        load_default=0, strict=True, validate=validate.Range(min=0, max=24 * 3600)
    )
    is_preview = fields.Boolean(load_default=False)
    position = fields.Integer(
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "1-based; at the end when left out or past the end."},
    )


class LessonUpdateSchema(BaseSchema):
    title = fields.String(validate=validate.Length(min=1, max=200))
    content = fields.String(validate=validate.Length(max=200_000))
    video_url = fields.String(allow_none=True, validate=WEB_URL)
    duration_seconds = fields.Integer(strict=True, validate=validate.Range(min=0, max=24 * 3600))
    is_preview = fields.Boolean()
    position = fields.Integer(strict=True, validate=validate.Range(min=1))
    notify_students = fields.Boolean(
        metadata={"description": "Tell the course's students of this lesson (once per lesson)."}
    )


class AttachmentUploadSchema(BaseSchema):
    file = Upload(
        required=True,
        metadata={
            "description": "PDF, ZIP, PNG, JPEG, GIF, WebP, plain text or Markdown; the "
            "declared type must match the contents."
        },
    )
