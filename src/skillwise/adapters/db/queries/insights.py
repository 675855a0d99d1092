"""Analytics over a window of days: money by month, revenue by course, daily series, rates.

Each figure is one grouped statement; gaps (days or months without rows) are filled in
Python, over at most 366 days, so the statement count never depends on the data.
"""

from __future__ import annotations

from sqlalchemy import case, distinct, exists, func, select, union
from sqlalchemy.orm import Session

from skillwise.adapters.db.queries.buckets import day_of, month_of
from skillwise.adapters.db.tables.core import courses, enrollments, users
from skillwise.adapters.db.tables.learning import lesson_progress
from skillwise.adapters.db.tables.payments import disputes, earnings, payments
from skillwise.application.dashboards.ports import (
    CourseRevenue,
    CurrencyRates,
    DayCount,
    InstructorInsights,
    MonthRevenue,
    PlatformInsights,
)
from skillwise.application.dashboards.window import Window


def _within(column, window: Window):
    return (column >= window.since) & (column < window.until)


def revenue_by_month(
    session: Session, window: Window, default_currency: str, *where
) -> list[MonthRevenue]:
    """Every month of the window in every currency ever sold in, so a chart keeps its series
    through quiet months; before any sale at all, in `default_currency`. `where` narrows
    payments and earnings alike (e.g. to one instructor's courses)."""
    paid_month = month_of(payments.c.paid_at)
    sold = session.execute(
        select(
            paid_month,
            payments.c.currency,
            func.sum(payments.c.price_minor),
            func.sum(payments.c.discount_minor),
        )
        .where(_within(payments.c.paid_at, window), *where)
        .group_by(paid_month, payments.c.currency)
    ).all()
    entry_month = month_of(earnings.c.created_at)
    ledger = session.execute(
        select(
            entry_month,
            earnings.c.currency,
            func.sum(case((earnings.c.kind != "sale", -earnings.c.gross_minor), else_=0)),
            func.sum(earnings.c.fee_minor),
            func.sum(earnings.c.net_minor),
        )
        .select_from(earnings.join(payments, payments.c.id == earnings.c.payment_id))
        .where(_within(earnings.c.created_at, window), *where)
        .group_by(entry_month, earnings.c.currency)
    ).all()
    ever_sold = session.execute(
        select(payments.c.currency).distinct().where(payments.c.paid_at.is_not(None), *where)
    ).scalars()
    figures: dict[tuple[str, str], dict[str, int]] = {}
    for month, currency, gross, discounts in sold:
        figures.setdefault((month, currency), {}).update(gross=int(gross), discounts=int(discounts))
    for month, currency, refunds, fees, net in ledger:
        figures.setdefault((month, currency), {}).update(
            refunds=int(refunds), platform_fees=int(fees), net=int(net)
        )
    currencies = sorted({*ever_sold, *(currency for _, currency in figures)}) or [default_currency]
    return [
        MonthRevenue(month=month, currency=currency, **figures.get((month, currency), {}))
        for month in window.months()
        for currency in currencies
    ]


def by_day(session: Session, column, window: Window, *where) -> list[DayCount]:
    day = day_of(column)
    counts = dict(
        session.execute(
            select(day, func.count()).where(_within(column, window), *where).group_by(day)
        ).all()
    )
    return [DayCount(day, counts.get(day.isoformat(), 0)) for day in window.days()]


def top_courses_by_revenue(
    session: Session, window: Window, top: int | None, *where
) -> list[CourseRevenue]:
    revenue = func.sum(earnings.c.gross_minor)
    rows = session.execute(
        select(
            courses.c.id,
            courses.c.title,
            earnings.c.currency,
            revenue.label("revenue"),
            func.count(case((earnings.c.kind == "sale", 1))).label("enrollments"),
        )
        .select_from(earnings.join(courses, courses.c.id == earnings.c.course_id))
        .where(_within(earnings.c.created_at, window), *where)
        .group_by(courses.c.id, courses.c.title, earnings.c.currency)
        .order_by(revenue.desc(), courses.c.title, earnings.c.currency)
        .limit(top)
    ).all()
    return [
        CourseRevenue(
            id=row.id,
            title=row.title,
            currency=row.currency,
            revenue=int(row.revenue),
            enrollments=row.enrollments,
        )
        for row in rows
    ]


def _active_users(session: Session, window: Window) -> int:
    learners = (
        select(enrollments.c.user_id.label("user_id"))
        .join(lesson_progress, lesson_progress.c.enrollment_id == enrollments.c.id)
        .where(lesson_progress.c.completed, _within(lesson_progress.c.completed_at, window))
    )
    buyers = select(payments.c.user_id.label("user_id")).where(_within(payments.c.paid_at, window))
    either = union(learners, buyers).subquery()
    return session.execute(select(func.count(distinct(either.c.user_id)))).scalar_one()


def _rates(session: Session, window: Window) -> list[CurrencyRates]:
    disputed = exists().where(disputes.c.payment_id == payments.c.id)
    rows = session.execute(
        select(
            payments.c.currency,
            func.count(),
            func.count(case((payments.c.refunded_minor > 0, 1))),
            func.count(case((disputed, 1))),
        )
        .where(_within(payments.c.paid_at, window), payments.c.amount_minor > 0)
        .group_by(payments.c.currency)
        .order_by(payments.c.currency)
    ).all()
    return [CurrencyRates(currency=c, payments=n, refunded=r, disputed=d) for c, n, r, d in rows]


def platform_insights(
    session: Session, window: Window, top: int, default_currency: str
) -> PlatformInsights:
    return PlatformInsights(
        revenue_by_month=revenue_by_month(session, window, default_currency),
        top_courses_by_revenue=top_courses_by_revenue(session, window, top),
        signups_by_day=by_day(session, users.c.date_joined, window),
        enrollments_by_day=by_day(session, enrollments.c.started_at, window),
        active_users=_active_users(session, window),
        rates=_rates(session, window),
    )


def instructor_insights(
    session: Session, instructor_id, window: Window, default_currency: str
) -> InstructorInsights:
    own_courses = select(courses.c.id).where(courses.c.instructor_id == instructor_id)
    return InstructorInsights(
        revenue_by_month=revenue_by_month(
            session,
            window,
            default_currency,
            payments.c.course_id.in_(own_courses.scalar_subquery()),
        ),
        course_revenue=top_courses_by_revenue(
            session, window, None, courses.c.instructor_id == instructor_id
        ),
    )
