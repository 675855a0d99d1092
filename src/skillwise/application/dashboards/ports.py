"""Read models of the instructor and admin dashboards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol
from uuid import UUID

from skillwise.application.dashboards.window import Window
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.money import Money

# The dashboards' "recent" window and the length of their top lists.
RECENT = timedelta(days=30)
TOP = 10


@dataclass(frozen=True, slots=True)
class EarningsInCurrency:
    currency: str
    gross: int
    fees: int
    net: int


@dataclass(frozen=True, slots=True)
class CourseHighlight:
    id: UUID
    title: str
    status: str
    enrollment_count: int
    rating_count: int
    rating_sum: int

    @property
    def rating_avg(self) -> float | None:
        return round(self.rating_sum / self.rating_count, 2) if self.rating_count else None


@dataclass(frozen=True, slots=True)
class InstructorStats:
    total_courses: int
    courses_by_status: dict[str, int]
    total_students: int
    total_enrollments: int
    completed_enrollments: int
    recent_enrollments: int
    rating_count: int
    rating_sum: int
    earnings: list[EarningsInCurrency]
    top_courses: list[CourseHighlight]


@dataclass(frozen=True, slots=True)
class CourseStudent:
    enrollment_id: UUID
    user_id: UUID
    full_name: str
    status: str
    started_at: datetime
    completed_at: datetime | None
    completed_lessons: int
    total_lessons: int


@dataclass(frozen=True, slots=True)
class ActiveUser:
    id: UUID
    full_name: str
    role: str
    completed_lessons: int
    enrollments: int


@dataclass(frozen=True, slots=True)
class PlatformStats:
    total_users: int
    users_by_role: dict[str, int]
    active_users: int
    new_users: int
    total_courses: int
    courses_by_status: dict[str, int]
    total_enrollments: int
    completed_enrollments: int
    recent_enrollments: int
    revenue: list[Money]
    platform_fees: list[Money]
    payments_by_status: dict[str, int]
    open_reports: int
    top_courses: list[CourseHighlight] = field(default_factory=list)
    most_active_users: list[ActiveUser] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MonthRevenue:
    """One month's money in one currency, in minor units.

    `gross` is the list price of what was sold and `discounts` what coupons took off it;
    `refunds` is what went back to buyers (refunds and chargebacks, less reversals), so
    `gross - discounts - refunds == platform_fees + net`, `net` being the instructors' share.
    """

    month: str
    currency: str
    gross: int = 0
    discounts: int = 0
    refunds: int = 0
    platform_fees: int = 0
    net: int = 0


@dataclass(frozen=True, slots=True)
class CourseRevenue:
    id: UUID
    title: str
    currency: str
    revenue: int
    enrollments: int


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True, slots=True)
class CurrencyRates:
    currency: str
    payments: int
    refunded: int
    disputed: int

    @property
    def refund_rate(self) -> float:
        return round(self.refunded / self.payments, 4) if self.payments else 0.0

    @property
    def dispute_rate(self) -> float:
        return round(self.disputed / self.payments, 4) if self.payments else 0.0


@dataclass(frozen=True, slots=True)
class PlatformInsights:
    revenue_by_month: list[MonthRevenue]
    top_courses_by_revenue: list[CourseRevenue]
    signups_by_day: list[DayCount]
    enrollments_by_day: list[DayCount]
    active_users: int
    rates: list[CurrencyRates]


@dataclass(frozen=True, slots=True)
class InstructorInsights:
    revenue_by_month: list[MonthRevenue]
    course_revenue: list[CourseRevenue]


@dataclass(frozen=True, slots=True)
class PlatformAnalytics:
    window: Window
    stats: PlatformStats
    insights: PlatformInsights


@dataclass(frozen=True, slots=True)
class LessonCompletion:
    """How many of a course's students completed one lesson."""

    lesson_id: UUID
    title: str
    completed: int


@dataclass(frozen=True, slots=True)
class CourseActivity:
    """One course's raw counts. `students` and `completed` count enrollments that still grant
    access (a refund ends one); `enrollments_by_day` counts every enrollment started each day
    of the window; `lessons` follow the outline; `ratings` maps 1..5 to reviews given."""

    students: int
    completed: int
    enrollments_by_day: list[DayCount]
    lessons: list[LessonCompletion]
    ratings: dict[int, int]


@dataclass(frozen=True, slots=True)
class LessonDropOff:
    lesson_id: UUID
    title: str
    completed: int
    share: float


@dataclass(frozen=True, slots=True)
class RatingCount:
    rating: int
    count: int


RATINGS = range(1, 6)


@dataclass(frozen=True, slots=True)
class CourseAnalytics:
    course_id: UUID
    window: Window
    activity: CourseActivity

    @property
    def enrollments_by_day(self) -> list[DayCount]:
        return self.activity.enrollments_by_day

    @property
    def completion_rate(self) -> float:
        students = self.activity.students
        return round(self.activity.completed / students, 4) if students else 0.0

    @property
    def average_progress(self) -> float:
        """The mean of each student's percent of lessons completed."""
        possible = self.activity.students * len(self.activity.lessons)
        done = sum(lesson.completed for lesson in self.activity.lessons)
        return round(100 * done / possible, 2) if possible else 0.0

    @property
    def drop_off(self) -> list[LessonDropOff]:
        students = self.activity.students
        return [
            LessonDropOff(
                lesson_id=lesson.lesson_id,
                title=lesson.title,
                completed=lesson.completed,
                share=round(lesson.completed / students, 4) if students else 0.0,
            )
            for lesson in self.activity.lessons
        ]

    @property
    def rating_distribution(self) -> list[RatingCount]:
        """Every rating from 1 to 5 in order, those nobody gave as 0."""
        return [RatingCount(rating, self.activity.ratings.get(rating, 0)) for rating in RATINGS]


class DashboardQueries(Protocol):
    """Aggregates over the whole schema; each method runs a fixed number of statements."""

    def instructor_stats(self, instructor_id: UUID, since: datetime) -> InstructorStats: ...

    def course_students(self, course_id: UUID, request: PageRequest) -> Page[CourseStudent]: ...

    def platform_stats(self, since: datetime, top: int) -> PlatformStats: ...

    def platform_insights(self, window: Window, top: int) -> PlatformInsights: ...

    def instructor_insights(self, instructor_id: UUID, window: Window) -> InstructorInsights: ...

    def course_activity(self, course_id: UUID, window: Window) -> CourseActivity: ...
