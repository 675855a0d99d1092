"""Schemas of certificates of completion."""

from __future__ import annotations

from marshmallow import fields, validate

from skillwise.domain.certificates import CertificateStatus
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp


class CertifiedCourseSchema(BaseSchema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)


class CertificateSchema(BaseSchema):
    id = fields.UUID(required=True)
    code = fields.String(
        required=True,
        metadata={
            "description": "The public verification code: `/certificates/{code}/`.",
            "example": "q3v0Xb2kLr9sT1wZ",
        },
    )
    course = fields.Nested(CertifiedCourseSchema, required=True)
    student_name = fields.String(required=True)
    instructor_name = fields.String(required=True)
    issued_at = Timestamp(required=True)
    status = fields.Enum(
        CertificateStatus,
        by_value=True,
        required=True,
        metadata={"description": "`revoked` once the enrollment was refunded."},
    )
    revoked_at = Timestamp(allow_none=True, required=True)


class CertificateArgs(BaseSchema):
    format = fields.String(
        validate=validate.OneOf(["json", "pdf"]),
        metadata={
            "description": "`pdf` for the printable certificate (as does "
            "`Accept: application/pdf`).",
        },
    )
