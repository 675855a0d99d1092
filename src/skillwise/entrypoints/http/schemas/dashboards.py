"""Schemas of the instructor dashboard and the admin analytics."""

from __future__ import annotations

from marshmallow import fields

from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp


def _one_of(values: type) -> dict[str, object]:
    return {"type": "string", "enum": [member.value for member in values]}


INTEGER = {"type": "integer"}


class AmountSchema(BaseSchema):
    amount = fields.Integer(
        attribute="amount_minor", required=True, metadata={"description": "Minor units."}
    )
    currency = fields.String(required=True, metadata={"description": "ISO 4217 code."})


class EarningsInCurrencySchema(BaseSchema):
    currency = fields.String(required=True, metadata={"description": "ISO 4217 code."})
    gross = fields.Integer(required=True, metadata={"description": "Sales less refunds"})
    fees = fields.Integer(required=True, metadata={"description": "Platform fees"})
    net = fields.Integer(required=True, metadata={"description": "What the instructor earns"})


class CourseHighlightSchema(BaseSchema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, metadata=_one_of(CourseStatus))
    enrollment_count = fields.Integer(required=True)
    rating_count = fields.Integer(required=True)
    rating_avg = fields.Float(allow_none=True, required=True)


class InstructorDashboardSchema(BaseSchema):
    total_earnings = fields.Integer(
        required=True,
        metadata={"description": "Net earnings in `currency`, minor units (refunds deducted)"},
    )
    currency = fields.String(
        required=True, metadata={"description": "The currency earned most in; all in `earnings`"}
    )
    earnings = fields.List(fields.Nested(EarningsInCurrencySchema), attribute="stats.earnings")
    total_students = fields.Integer(attribute="stats.total_students", required=True)
    total_enrollments = fields.Integer(attribute="stats.total_enrollments", required=True)
    completed_enrollments = fields.Integer(attribute="stats.completed_enrollments")
    enrollments_last_30_days = fields.Integer(attribute="stats.recent_enrollments")
    active_courses = fields.Function(
        lambda d: d.stats.courses_by_status.get("published", 0), required=True, metadata=INTEGER
    )
    draft_courses = fields.Function(
        lambda d: d.stats.courses_by_status.get("draft", 0), metadata=INTEGER
    )
    archived_courses = fields.Function(
        lambda d: d.stats.courses_by_status.get("archived", 0), metadata=INTEGER
    )
    total_courses = fields.Integer(attribute="stats.total_courses")
    rating_count = fields.Integer(attribute="stats.rating_count")
    rating_avg = fields.Function(
        lambda d: (
            round(d.stats.rating_sum / d.stats.rating_count, 2) if d.stats.rating_count else None
        ),
        metadata={"type": "number", "nullable": True, "description": "None while unrated."},
    )
    top_courses = fields.List(fields.Nested(CourseHighlightSchema), attribute="stats.top_courses")
    window_from = fields.Date(attribute="window.first", required=True)
    window_to = fields.Date(attribute="window.last", required=True)
    revenue_by_month = fields.List(
        fields.Nested("MonthRevenueSchema"),
        attribute="insights.revenue_by_month",
        required=True,
        metadata={"description": "My courses' money, every month of the window per currency"},
    )
    course_revenue = fields.List(
        fields.Nested("CourseRevenueSchema"),
        attribute="insights.course_revenue",
        required=True,
        metadata={"description": "Each of my courses that sold in the window, by revenue"},
    )


class CourseStudentSchema(BaseSchema):
    enrollment_id = fields.UUID(required=True)
    student = fields.Function(
        lambda s: {"id": str(s.user_id), "full_name": s.full_name},
        metadata={
            "type": "object",
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "full_name": {"type": "string"},
            },
            "required": ["id", "full_name"],
        },
    )
    status = fields.String(required=True, metadata=_one_of(EnrollmentStatus))
    started_at = Timestamp(required=True)
    completed_at = Timestamp(allow_none=True)
    completed_lessons = fields.Integer(required=True)
    total_lessons = fields.Integer(required=True)
    percent = fields.Function(
        lambda s: (100 * s.completed_lessons // s.total_lessons) if s.total_lessons else 0,
        metadata={**INTEGER, "description": "Whole percent of lessons done, rounded down."},
    )


class ActiveUserSchema(BaseSchema):
    id = fields.UUID(required=True)
    full_name = fields.String(required=True)
    role = fields.String(required=True, metadata=_one_of(Role))
    completed_lessons = fields.Integer(
        required=True, metadata={"description": "Lessons completed in the last 30 days"}
    )
    enrollments = fields.Integer(required=True)


class WindowArgs(BaseSchema):
    first = fields.Date(
        data_key="from",
        load_default=None,
        metadata={"description": "First UTC day, included; default: 29 days before `to`"},
    )
    last = fields.Date(
        data_key="to",
        load_default=None,
        metadata={"description": "Last UTC day, included; default: today. At most 366 days."},
    )


class MonthRevenueSchema(BaseSchema):
    month = fields.String(required=True, metadata={"description": "`YYYY-MM`, UTC"})
    currency = fields.String(required=True, metadata={"description": "ISO 4217 code."})
    gross = fields.Integer(required=True, metadata={"description": "List price of sales"})
    discounts = fields.Integer(required=True, metadata={"description": "Taken off by coupons"})
    refunds = fields.Integer(
        required=True, metadata={"description": "Refunded and charged back, less reversals"}
    )
    platform_fees = fields.Integer(required=True)
    net = fields.Integer(
        required=True,
        metadata={"description": "Instructors' share: gross - discounts - refunds - fees"},
    )


class CourseRevenueSchema(BaseSchema):
    id = fields.UUID(required=True)
    title = fields.String(required=True)
    currency = fields.String(required=True, metadata={"description": "ISO 4217 code."})
    revenue = fields.Integer(required=True, metadata={"description": "Paid less refunded"})
    enrollments = fields.Integer(required=True, metadata={"description": "Sales in the window"})


class DayCountSchema(BaseSchema):
    day = fields.Date(required=True)
    count = fields.Integer(required=True)


_RATE_BY_CURRENCY = {
    "type": "object",
    "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
}


def _stats(name: str, field: type[fields.Field] = fields.Integer, **kw) -> fields.Field:
    return field(attribute=f"stats.{name}", **kw)


def _counts(name: str) -> fields.Field:
    return _stats(name, fields.Dict, keys=fields.String(), values=fields.Integer())


class PlatformAnalyticsSchema(BaseSchema):
    window_from = fields.Date(attribute="window.first", required=True)
    window_to = fields.Date(attribute="window.last", required=True)
    total_users = _stats("total_users", required=True)
    users_by_role = _counts("users_by_role")
    active_accounts = _stats(
        "active_users", metadata={"description": "Accounts not deactivated, all time"}
    )
    new_users_last_30_days = _stats("new_users")
    total_courses = _stats("total_courses", required=True)
    courses_by_status = _counts("courses_by_status")
    total_enrollments = _stats("total_enrollments", required=True)
    completed_enrollments = _stats("completed_enrollments")
    enrollments_last_30_days = _stats("recent_enrollments")
    total_earnings = fields.List(
        fields.Nested(AmountSchema),
        attribute="stats.revenue",
        required=True,
        metadata={"description": "Succeeded, unrefunded payments, per currency"},
    )
    platform_fees = fields.List(fields.Nested(AmountSchema), attribute="stats.platform_fees")
    payments_by_status = _counts("payments_by_status")
    open_reports = _stats("open_reports")
    top_courses = fields.List(
        fields.Nested(CourseHighlightSchema), attribute="stats.top_courses", required=True
    )
    most_active_users = fields.List(
        fields.Nested(ActiveUserSchema), attribute="stats.most_active_users", required=True
    )
    revenue_by_month = fields.List(
        fields.Nested(MonthRevenueSchema),
        attribute="insights.revenue_by_month",
        required=True,
        metadata={"description": "Every month of the window, per currency sold in"},
    )
    top_courses_by_revenue = fields.List(
        fields.Nested(CourseRevenueSchema),
        attribute="insights.top_courses_by_revenue",
        required=True,
    )
    signups_by_day = fields.List(
        fields.Nested(DayCountSchema), attribute="insights.signups_by_day", required=True
    )
    enrollments_by_day = fields.List(
        fields.Nested(DayCountSchema), attribute="insights.enrollments_by_day", required=True
    )
    active_users = fields.Integer(
        attribute="insights.active_users",
        required=True,
        metadata={"description": "Users who completed a lesson or paid in the window"},
    )
    refund_rate = fields.Function(
        lambda a: {r.currency: r.refund_rate for r in a.insights.rates},
        required=True,
        metadata=_RATE_BY_CURRENCY
        | {"description": "Share of the window's paid payments refunded"},
    )
    dispute_rate = fields.Function(
        lambda a: {r.currency: r.dispute_rate for r in a.insights.rates},
        required=True,
        metadata=_RATE_BY_CURRENCY
        | {"description": "Share of the window's paid payments disputed"},
    )


class LessonDropOffSchema(BaseSchema):
    lesson_id = fields.UUID(required=True)
    title = fields.String(required=True)
    completed = fields.Integer(required=True, metadata={"description": "Students who did it"})
    share = fields.Float(
        required=True,
        metadata={"minimum": 0, "maximum": 1, "description": "`completed` / `enrollments`"},
    )


class RatingCountSchema(BaseSchema):
    rating = fields.Integer(required=True, metadata={"minimum": 1, "maximum": 5})
    count = fields.Integer(required=True)


class CourseAnalyticsSchema(BaseSchema):
    course_id = fields.UUID(required=True)
    window_from = fields.Date(attribute="window.first", required=True)
    window_to = fields.Date(attribute="window.last", required=True)
    enrollments = fields.Integer(
        attribute="activity.students",
        required=True,
        metadata={"description": "Students holding an enrollment now (refunds end one)"},
    )
    completed_enrollments = fields.Integer(attribute="activity.completed", required=True)
    enrollments_by_day = fields.List(
        fields.Nested(DayCountSchema),
        required=True,
        metadata={"description": "Every day of the window, enrollments started that day"},
    )
    completion_rate = fields.Float(
        required=True, metadata={"minimum": 0, "maximum": 1, "description": "0 without students"}
    )
    average_progress = fields.Float(
        required=True,
        metadata={"minimum": 0, "maximum": 100, "description": "Mean percent of lessons done"},
    )
    drop_off = fields.List(
        fields.Nested(LessonDropOffSchema),
        required=True,
        metadata={"description": "Every lesson in outline order"},
    )
    rating_distribution = fields.List(
        fields.Nested(RatingCountSchema),
        required=True,
        metadata={"description": "Ratings 1 to 5 in order, always all five"},
    )
