"""Schemas of the wishlist."""

from __future__ import annotations

from marshmallow import fields

from skillwise.entrypoints.http.schemas.catalog import CourseSummarySchema
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp


class WishlistAddSchema(BaseSchema):
    course_id = fields.UUID(required=True)


class WishlistItemSchema(BaseSchema):
    course_id = fields.UUID(attribute="course.id", required=True)
    added_at = Timestamp(required=True)
    course = fields.Nested(CourseSummarySchema, required=True)
