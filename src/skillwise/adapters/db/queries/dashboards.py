"""Dashboard aggregates in SQL: grouped counts and sums, never a query per row."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Select, case, distinct, func, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import read_session
from skillwise.adapters.db.queries import course_analytics, insights
from skillwise.adapters.db.tables.core import courses, enrollments, lessons, users
from skillwise.adapters.db.tables.learning import lesson_progress, reports
from skillwise.adapters.db.tables.payments import earnings, payments
from skillwise.application.dashboards.ports import (
    ActiveUser,
    CourseActivity,
    CourseHighlight,
    CourseStudent,
    EarningsInCurrency,
    InstructorInsights,
    InstructorStats,
    PlatformInsights,
    PlatformStats,
)
from skillwise.application.dashboards.window import Window
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.money import Money

_HAS_ACCESS = enrollments.c.status != "refunded"


def _highlights(session: Session, query: Select) -> list[CourseHighlight]:
    return [
        CourseHighlight(
            id=row.id,
            title=row.title,
            status=row.status,
            enrollment_count=row.enrollment_count,
            rating_count=row.rating_count,
            rating_sum=row.rating_sum,
        )
        for row in session.execute(query)
    ]


def _highlight_columns() -> Select:
    return select(
        courses.c.id,
        courses.c.title,
        courses.c.status,
        courses.c.enrollment_count,
        courses.c.rating_count,
        courses.c.rating_sum,
    )


def _counts_by(session: Session, column, *where) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column))
    return {key: count for key, count in rows}


class SqlDashboardQueries:
    def __init__(self, session_factory: sessionmaker[Session], default_currency: str) -> None:
        self._session_factory = session_factory
        self._default_currency = default_currency

    def instructor_stats(self, instructor_id: UUID, since: datetime) -> InstructorStats:
        own = courses.c.instructor_id == instructor_id
        with read_session(self._session_factory) as session:
            by_status = _counts_by(session, courses.c.status, own)
            ratings = session.execute(
                select(
                    func.coalesce(func.sum(courses.c.rating_count), 0),
                    func.coalesce(func.sum(courses.c.rating_sum), 0),
                ).where(own)
            ).one()
            students = session.execute(
                select(
                    func.count(distinct(enrollments.c.user_id)),
                    func.count(),
                    func.count(case((enrollments.c.status == "completed", 1))),
                    func.count(case((enrollments.c.started_at >= since, 1))),
                )
                .select_from(enrollments.join(courses, enrollments.c.course_id == courses.c.id))
                .where(own, _HAS_ACCESS)
            ).one()
            money = session.execute(
                select(
                    earnings.c.currency,
                    func.sum(earnings.c.gross_minor),
                    func.sum(earnings.c.fee_minor),
                    func.sum(earnings.c.net_minor),
                )
                .where(earnings.c.instructor_id == instructor_id)
                .group_by(earnings.c.currency)
                .order_by(earnings.c.currency)
            )
            ledger = [
                EarningsInCurrency(currency=c, gross=int(g), fees=int(f), net=int(n))
                for c, g, f, n in money
            ]
            top = _highlights(
                session,
                _highlight_columns()
                .where(own)
                .order_by(courses.c.enrollment_count.desc(), courses.c.title)
                .limit(5),
            )
        return InstructorStats(
            total_courses=sum(by_status.values()),
            courses_by_status=by_status,
            total_students=students[0],
            total_enrollments=students[1],
            completed_enrollments=students[2],
            recent_enrollments=students[3],
            rating_count=int(ratings[0]),
            rating_sum=int(ratings[1]),
            earnings=ledger,
            top_courses=top,
        )

    def course_students(self, course_id: UUID, request: PageRequest) -> Page[CourseStudent]:
        of_course = enrollments.c.course_id == course_id
        with read_session(self._session_factory) as session:
            total = session.execute(select(func.count()).where(of_course)).scalar_one()
            total_lessons = session.execute(
                select(func.count()).where(lessons.c.course_id == course_id)
            ).scalar_one()
            rows = session.execute(
                select(
                    enrollments.c.id,
                    enrollments.c.user_id,
                    enrollments.c.status,
                    enrollments.c.started_at,
                    enrollments.c.completed_at,
                    users.c.full_name,
                )
                .join(users, users.c.id == enrollments.c.user_id)
                .where(of_course)
                .order_by(enrollments.c.started_at.desc(), enrollments.c.id)
                .offset(request.offset)
                .limit(request.page_size)
            ).all()
            ids = [row.id for row in rows]
            completed = (
                dict(
                    session.execute(
                        select(lesson_progress.c.enrollment_id, func.count())
                        .where(
                            lesson_progress.c.enrollment_id.in_(ids), lesson_progress.c.completed
                        )
                        .group_by(lesson_progress.c.enrollment_id)
                    ).all()
                )
                if ids
                else {}
            )
        items = [
            CourseStudent(
                enrollment_id=row.id,
                user_id=row.user_id,
                full_name=row.full_name,
                status=row.status,
                started_at=row.started_at,
                completed_at=row.completed_at,
                completed_lessons=completed.get(row.id, 0),
                total_lessons=total_lessons,
            )
            for row in rows
        ]
        return Page(items=items, total=total, request=request)

    def platform_stats(self, since: datetime, top: int) -> PlatformStats:
        with read_session(self._session_factory) as session:
            by_role = _counts_by(session, users.c.role)
            people = session.execute(
                select(
                    func.count(case((users.c.is_active, 1))),
                    func.count(case((users.c.date_joined >= since, 1))),
                )
            ).one()
            by_status = _counts_by(session, courses.c.status)
            learning = session.execute(
                select(
                    func.count(),
                    func.count(case((enrollments.c.status == "completed", 1))),
                    func.count(case((enrollments.c.started_at >= since, 1))),
                ).where(_HAS_ACCESS)
            ).one()
            revenue = session.execute(
                select(payments.c.currency, func.sum(payments.c.amount_minor))
                .where(payments.c.status == "succeeded")
                .group_by(payments.c.currency)
                .order_by(payments.c.currency)
            ).all()
            fees = session.execute(
                select(earnings.c.currency, func.sum(earnings.c.fee_minor))
                .group_by(earnings.c.currency)
                .order_by(earnings.c.currency)
            ).all()
            payment_states = _counts_by(session, payments.c.status)
            open_reports = session.execute(
                select(func.count()).where(reports.c.status == "open")
            ).scalar_one()
            top_courses = _highlights(
                session,
                _highlight_columns()
                .where(courses.c.status == "published")
                .order_by(courses.c.enrollment_count.desc(), courses.c.title)
                .limit(top),
            )
            completed_recently = func.count(
                case(
                    (
                        lesson_progress.c.completed & (lesson_progress.c.completed_at >= since),
                        1,
                    )
                )
            )
            active = session.execute(
                select(
                    users.c.id,
                    users.c.full_name,
                    users.c.role,
                    completed_recently.label("completed_lessons"),
                    func.count(distinct(enrollments.c.id)).label("enrollments"),
                )
                .select_from(
                    users.join(enrollments, enrollments.c.user_id == users.c.id).outerjoin(
                        lesson_progress, lesson_progress.c.enrollment_id == enrollments.c.id
                    )
                )
                .where(users.c.is_active)
                .group_by(users.c.id, users.c.full_name, users.c.role)
                .order_by(
                    completed_recently.desc(),
                    func.count(distinct(enrollments.c.id)).desc(),
                    users.c.full_name,
                )
                .limit(top)
            ).all()
        return PlatformStats(
            total_users=sum(by_role.values()),
            users_by_role=by_role,
            active_users=people[0],
            new_users=people[1],
            total_courses=sum(by_status.values()),
            courses_by_status=by_status,
            total_enrollments=learning[0],
            completed_enrollments=learning[1],
            recent_enrollments=learning[2],
            revenue=[Money(int(amount), currency) for currency, amount in revenue],
            platform_fees=[Money(int(amount), currency) for currency, amount in fees],
            payments_by_status=payment_states,
            open_reports=open_reports,
            top_courses=top_courses,
            most_active_users=[
                ActiveUser(
                    id=row.id,
                    full_name=row.full_name,
                    role=row.role,
                    completed_lessons=row.completed_lessons,
                    enrollments=row.enrollments,
                )
                for row in active
            ],
        )

    def platform_insights(self, window: Window, top: int) -> PlatformInsights:
        with read_session(self._session_factory) as session:
            return insights.platform_insights(session, window, top, self._default_currency)

    def instructor_insights(self, instructor_id: UUID, window: Window) -> InstructorInsights:
        with read_session(self._session_factory) as session:
            return insights.instructor_insights(
                session, instructor_id, window, self._default_currency
            )

    def course_activity(self, course_id: UUID, window: Window) -> CourseActivity:
        with read_session(self._session_factory) as session:
            return course_analytics.course_activity(session, course_id, window)
