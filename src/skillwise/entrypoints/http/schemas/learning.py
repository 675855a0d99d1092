"""Schemas of enrollment, progress, reviews, reports and notifications."""

from __future__ import annotations

from marshmallow import fields, validate

from skillwise.domain.enrollments import EnrollmentAccess, EnrollmentStatus, SuspensionReason
from skillwise.domain.learning.reports import (
    MAX_REASON_LENGTH,
    MAX_RESOLUTION_NOTE_LENGTH,
    ReportStatus,
    ReportTargetType,
)
from skillwise.domain.learning.reviews import MAX_COMMENT_LENGTH, MAX_RATING, MIN_RATING
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp, page_of

# --- enrollments and progress ---


class PersonRefSchema(BaseSchema):
    id = fields.UUID(required=True)
    full_name = fields.String(required=True)


class EnrolledCourseSchema(BaseSchema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    slug = fields.String(required=True)
    thumbnail_url = fields.String(allow_none=True, required=True)
    instructor = fields.Nested(PersonRefSchema, required=True)


class ProgressSummarySchema(BaseSchema):
    completed_lessons = fields.Integer(required=True)
    total_lessons = fields.Integer(required=True)
    percent = fields.Integer(
        required=True, metadata={"description": "Whole percent of lessons done, rounded down."}
    )


def _access_field() -> fields.Enum:
    return fields.Enum(
        EnrollmentAccess,
        by_value=True,
        required=True,
        metadata={
            "description": "What the enrollment gives now: `active` opens the lessons; "
            "`suspended` holds them (403 `payment_disputed`) while the payment is disputed at "
            "the buyer's bank, until a won dispute makes it `active` again; `revoked` ended "
            "with a refund or a lost dispute (the status is then `refunded`) and returns only "
            "by paying again."
        },
    )


def _suspension_reason_field() -> fields.Enum:
    return fields.Enum(
        SuspensionReason,
        by_value=True,
        allow_none=True,
        required=True,
        metadata={"description": "Why access is `suspended`; null otherwise."},
    )


class EnrollmentSchema(BaseSchema):
    id = fields.UUID(required=True)
    course = fields.Nested(EnrolledCourseSchema, required=True)
    status = fields.Enum(EnrollmentStatus, by_value=True, required=True)
    started_at = Timestamp(required=True)
    completed_at = Timestamp(allow_none=True, required=True)
    progress = fields.Nested(ProgressSummarySchema, required=True)
    access = _access_field()
    suspension_reason = _suspension_reason_field()


class ProgressUpdateSchema(BaseSchema):
    lesson_id = fields.UUID(required=True)
    completed = fields.Boolean(
        load_default=None,
        metadata={"description": "Done or not; leave out to keep it as it is."},
    )
    position_seconds = fields.Integer(
        strict=True,
        load_default=None,
        validate=validate.Range(min=0),
        metadata={"description": "Where playback stopped; at most the lesson's duration."},
    )


class LessonStateSchema(BaseSchema):
    lesson_id = fields.UUID(required=True)
    completed = fields.Boolean(required=True)
    completed_at = Timestamp(allow_none=True, required=True)
    position_seconds = fields.Integer(required=True)


class CourseProgressSchema(BaseSchema):
    course_id = fields.UUID(required=True)
    enrollment_id = fields.UUID(required=True)
    status = fields.Enum(EnrollmentStatus, by_value=True, required=True)
    access = _access_field()
    suspension_reason = _suspension_reason_field()
    completed_at = Timestamp(allow_none=True, required=True)
    completed_lessons = fields.Integer(required=True)
    total_lessons = fields.Integer(required=True)
    percent = fields.Integer(
        required=True, metadata={"description": "Whole percent of lessons done, rounded down."}
    )
    last_lesson_id = fields.UUID(
        allow_none=True,
        required=True,
        metadata={"description": "The lesson touched most recently: where to resume."},
    )
    lessons = fields.List(
        fields.Nested(LessonStateSchema),
        required=True,
        metadata={"description": "Every lesson of the course, in outline order."},
    )


# --- reviews ---


class ReviewCreateSchema(BaseSchema):
    rating = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=MIN_RATING, max=MAX_RATING)
    )
    comment = fields.String(load_default="", validate=validate.Length(max=MAX_COMMENT_LENGTH))


class ReviewUpdateSchema(BaseSchema):
    rating = fields.Integer(
        strict=True, load_default=None, validate=validate.Range(min=MIN_RATING, max=MAX_RATING)
    )
    comment = fields.String(load_default=None, validate=validate.Length(max=MAX_COMMENT_LENGTH))


class ReviewSchema(BaseSchema):
    id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    rating = fields.Integer(required=True)
    comment = fields.String(required=True)
    author = fields.Nested(PersonRefSchema, required=True)
    created_at = Timestamp(required=True)
    updated_at = Timestamp(required=True)


# --- reports ---


class ReportCreateSchema(BaseSchema):
    target_type = fields.Enum(ReportTargetType, by_value=True, required=True)
    target_id = fields.UUID(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=MAX_REASON_LENGTH))


class ReportSchema(BaseSchema):
    id = fields.UUID(required=True)
    reporter_id = fields.UUID(required=True)
    target_type = fields.Enum(ReportTargetType, by_value=True, required=True)
    target_id = fields.UUID(required=True)
    reason = fields.String(required=True)
    status = fields.Enum(ReportStatus, by_value=True, required=True)
    created_at = Timestamp(required=True)
    resolved_at = Timestamp(allow_none=True, required=True)
    resolved_by = fields.UUID(allow_none=True, required=True)
    resolution_note = fields.String(required=True)


class ReportFilterArgs(PaginationArgs):
    status = fields.Enum(ReportStatus, by_value=True)
    target_type = fields.Enum(ReportTargetType, by_value=True)


class ReportDecisionSchema(BaseSchema):
    status = fields.Enum(
        ReportStatus,
        by_value=True,
        required=True,
        validate=validate.OneOf([ReportStatus.RESOLVED, ReportStatus.DISMISSED]),
    )
    resolution_note = fields.String(
        load_default="", validate=validate.Length(max=MAX_RESOLUTION_NOTE_LENGTH)
    )


# --- notifications ---

# Every kind of notification the application writes (a test checks it against the source).
NOTIFICATION_KINDS = (
    "enrollment",
    "course_completed",
    "new_review",
    "report_filed",
    "report_closed",
    "payment_succeeded",
    "payment_refunded",
    "payment_rejected",
    "new_lesson",
    "price_drop",
    "refund_failed",
    "refund_request_approved",
    "refund_request_rejected",
    "dispute_lost",
)


class NotificationSchema(BaseSchema):
    id = fields.UUID(required=True)
    kind = fields.String(
        required=True,
        metadata={
            "type": "string",
            "enum": list(NOTIFICATION_KINDS),
            "description": "What happened; `data` carries the ids it concerns.",
        },
    )
    title = fields.String(required=True)
    body = fields.String(required=True)
    data = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": "The ids (and states) it is about, e.g. course_id."},
    )
    created_at = Timestamp(required=True)
    read_at = Timestamp(allow_none=True, required=True)


class NotificationListArgs(PaginationArgs):
    unread = fields.Boolean(load_default=False, metadata={"description": "Unread ones only."})


class NotificationListSchema(page_of(NotificationSchema)):  # type: ignore[misc]
    unread_count = fields.Integer(
        required=True, metadata={"description": "All unread notifications, on every page."}
    )


class MarkedReadSchema(BaseSchema):
    marked_read = fields.Integer(
        required=True, metadata={"description": "How many notifications were unread."}
    )
