"""Schemas of courses, modules, lessons and attachments."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, pre_dump, validate

from skillwise.application.catalog.ports import CourseOrdering
from skillwise.application.catalog.views import CourseDetail
from skillwise.application.shared.cursors import MAX_CURSOR_CHARS
from skillwise.application.shared.pagination import MAX_PAGE
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.catalog.pricing import MAX_PRICE_MINOR
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp

CATEGORY = validate.Regexp(
    r"^[a-z0-9]+(-[a-z0-9]+)*$", error="Use lower-case words joined by hyphens, e.g. data-science."
)
LANGUAGE = validate.Regexp(
    r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$", error="Use a language code such as en, bn or pt-BR."
)
CURRENCY = validate.Regexp(r"^[A-Za-z]{3}$", error="Use an ISO 4217 code such as USD or BDT.")
WEB_URL = [validate.URL(schemes={"http", "https"}), validate.Length(max=500)]


class UpperCaseString(fields.String):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).upper()


class LowerCaseString(fields.String):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).strip().lower()


# --- courses ---


class InstructorRefSchema(BaseSchema):
    id = fields.UUID(required=True)
    full_name = fields.String(required=True)


class CourseFilterArgs(PaginationArgs):
    """The catalog's filters and ordering, with page numbers."""

    search = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "Words to find in the title, subtitle or description."},
    )
    category = LowerCaseString(validate=CATEGORY)
    level = fields.Enum(CourseLevel, by_value=True)
    language = fields.String(validate=LANGUAGE)
    instructor = fields.UUID(metadata={"description": "Only this instructor's courses."})
    min_price = fields.Integer(
        validate=validate.Range(min=0, max=MAX_PRICE_MINOR),
        metadata={"description": "In minor units (cents)."},
    )
    max_price = fields.Integer(
        validate=validate.Range(min=0, max=MAX_PRICE_MINOR),
        metadata={"description": "In minor units (cents)."},
    )
    is_free = fields.Boolean()
    currency = UpperCaseString(validate=CURRENCY)
    ordering = fields.Enum(
        CourseOrdering,
        by_value=True,
        metadata={
            "description": "rating: unrated courses last either way; popularity: most "
            "enrolled first. Default: newest first, or best match first when searching "
            "on PostgreSQL. Ties are broken by id."
        },
    )


class CourseListArgs(CourseFilterArgs):
    """The public catalog, which may also be walked by cursor."""

    # No default, unlike other lists: a page number beside a cursor is refused, not ignored.
    page = fields.Integer(
        validate=validate.Range(min=1, max=MAX_PAGE),
        metadata={"description": "From 1 (the default); not with `cursor`."},
    )
    cursor = fields.String(
        validate=validate.Length(max=MAX_CURSOR_CHARS),
        metadata={
            "description": "Walk the list by keyset instead of by page: empty for the first "
            "page, then each answer's `next_cursor`. Keep the same ordering and filters "
            "along a walk. Cursor pages answer `count` and `page` as null and stay as fast "
            "deep into the list as at its start; ties are broken by id in the ordering's "
            "direction."
        },
    )


class CourseSummarySchema(BaseSchema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    slug = fields.String(required=True)
    subtitle = fields.String(required=True)
    category = fields.String(required=True)
    level = fields.Enum(CourseLevel, by_value=True, required=True)
    language = fields.String(required=True)
    price = fields.Integer(
        attribute="price.amount_minor",
        required=True,
        metadata={"description": "In the currency's minor unit: 1999 USD is 19.99 USD."},
    )
    currency = fields.String(attribute="price.currency", required=True)
    is_free = fields.Boolean(required=True)
    thumbnail_url = fields.String(allow_none=True, required=True)
    rating_avg = fields.Float(allow_none=True, required=True)
    rating_count = fields.Integer(required=True)
    enrollment_count = fields.Integer(required=True)
    instructor = fields.Nested(InstructorRefSchema, required=True)
    lesson_count = fields.Integer(required=True)
    total_duration_seconds = fields.Integer(required=True)
    published_at = Timestamp(allow_none=True, required=True)


class InstructorCourseSchema(CourseSummarySchema):
    status = fields.Enum(CourseStatus, by_value=True, required=True)
    created_at = Timestamp(required=True)
    updated_at = Timestamp(required=True)


class LessonHeadingSchema(BaseSchema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    position = fields.Integer(required=True)
    duration_seconds = fields.Integer(required=True)
    is_preview = fields.Boolean(required=True)


class ModuleOutlineSchema(BaseSchema):
    id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    title = fields.String(required=True)
    position = fields.Integer(required=True)
    lesson_count = fields.Integer(required=True)
    total_duration_seconds = fields.Integer(required=True)
    lessons = fields.List(fields.Nested(LessonHeadingSchema), required=True)


class CourseDetailSchema(CourseSummarySchema):
    description = fields.String(required=True, metadata={"description": "Markdown."})
    status = fields.Enum(CourseStatus, by_value=True, required=True)
    created_at = Timestamp(required=True)
    updated_at = Timestamp(required=True)
    modules = fields.List(fields.Nested(ModuleOutlineSchema), required=True)

    @pre_dump
    def _flatten(self, detail: CourseDetail, **_: Any) -> dict[str, Any]:
        course = detail.course
        return {
            **{name: getattr(course, name) for name in _COURSE_ATTRIBUTES},
            "instructor": detail.instructor,
            "lesson_count": detail.lesson_count,
            "total_duration_seconds": detail.total_duration_seconds,
            "modules": detail.modules,
        }


_COURSE_ATTRIBUTES = (
    "id",
    "title",
    "slug",
    "subtitle",
    "description",
    "category",
    "level",
    "language",
    "price",
    "is_free",
    "thumbnail_url",
    "status",
    "published_at",
    "created_at",
    "updated_at",
    "rating_avg",
    "rating_count",
    "enrollment_count",
)


class CourseCreateSchema(BaseSchema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    subtitle = fields.String(load_default="", validate=validate.Length(max=300))
    description = fields.String(
        required=True, validate=validate.Length(max=50_000), metadata={"description": "Markdown."}
    )
    category = LowerCaseString(required=True, validate=[CATEGORY, validate.Length(max=80)])
    level = fields.Enum(CourseLevel, by_value=True, required=True)
    language = fields.String(required=True, validate=[LANGUAGE, validate.Length(max=20)])
    price = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=0, max=MAX_PRICE_MINOR),
        metadata={"description": "Minor units, 0 for a free course: 1999 USD is 19.99 USD."},
    )
    currency = UpperCaseString(required=True, validate=CURRENCY)
    thumbnail_url = fields.String(load_default=None, allow_none=True, validate=WEB_URL)


class CourseUpdateSchema(BaseSchema):
    title = fields.String(validate=validate.Length(min=1, max=200))
    subtitle = fields.String(validate=validate.Length(max=300))
    description = fields.String(validate=validate.Length(max=50_000))
    category = LowerCaseString(validate=[CATEGORY, validate.Length(max=80)])
    level = fields.Enum(CourseLevel, by_value=True)
    language = fields.String(validate=[LANGUAGE, validate.Length(max=20)])
    price = fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_PRICE_MINOR))
    currency = UpperCaseString(validate=CURRENCY)
    thumbnail_url = fields.String(allow_none=True, validate=WEB_URL)
    status = fields.Enum(
        CourseStatus,
        by_value=True,
        metadata={
            "description": "published (needs a lesson), archived (out of the catalog, kept for "
            "its students) or draft (unpublished)."
        },
    )


# --- modules ---


# --- lessons and attachments ---
