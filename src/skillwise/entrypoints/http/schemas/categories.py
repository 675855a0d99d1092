"""Schemas of the catalog's categories."""

from __future__ import annotations

from marshmallow import fields

from skillwise.entrypoints.http.schemas.common import BaseSchema


class CategorySchema(BaseSchema):
    slug = fields.String(
        required=True,
        metadata={
            "description": "The courses' `category` value; filter with `/courses/?category=`.",
            "example": "data-science",
        },
    )
    name = fields.String(required=True, metadata={"example": "Data Science"})
    course_count = fields.Integer(
        required=True, metadata={"description": "Published courses in the category."}
    )
