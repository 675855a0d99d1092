from datetime import timedelta
from uuid import uuid4

import pytest

from skillwise.application.dashboards.ports import EarningsInCurrency
from skillwise.application.dashboards.use_cases.get_instructor_dashboard import (
    GetInstructorDashboard,
)
from skillwise.application.dashboards.use_cases.get_platform_analytics import GetPlatformAnalytics
from skillwise.application.dashboards.use_cases.list_course_students import ListCourseStudents
from skillwise.application.dashboards.window import Window
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.errors import NotFound, PermissionDenied
from skillwise.domain.identity import Actor, Role
from tests.factories import a_course, a_user
from tests.fakes.dashboards import FakeDashboardQueries


def test_the_dashboard_total_is_given_in_the_currency_earned_most(clock):
    queries = FakeDashboardQueries(
        [
            EarningsInCurrency("BDT", gross=50_000, fees=10_000, net=40_000),
            EarningsInCurrency("USD", gross=10_000, fees=2_000, net=8_000),
        ]
    )
    dashboard = GetInstructorDashboard(queries, clock)(Actor(uuid4(), Role.INSTRUCTOR))
    assert (dashboard.currency, dashboard.total_earnings) == ("BDT", 40_000)
    assert dashboard.insights == "my window's figures"
    today = clock.now().date()
    assert queries.asked_for_window == Window(today - timedelta(days=29), today)


def test_an_instructor_without_earnings_sees_zero_in_the_default_currency(clock):
    dashboard = GetInstructorDashboard(FakeDashboardQueries(), clock)(
        Actor(uuid4(), Role.INSTRUCTOR)
    )
    assert (dashboard.currency, dashboard.total_earnings) == ("USD", 0)


@pytest.fixture
def course_of_someone(fake_uow):
    owner = a_user(Role.INSTRUCTOR)
    course = a_course(owner)
    with fake_uow:
        fake_uow.users.add(owner)
        fake_uow.courses.add(course)
        fake_uow.commit()
    return owner, course


def test_an_instructor_cannot_list_the_students_of_another_instructors_course(
    fake_uow, course_of_someone
):
    _, course = course_of_someone
    queries = FakeDashboardQueries()
    with pytest.raises(NotFound):
        ListCourseStudents(fake_uow, queries)(
            Actor(uuid4(), Role.INSTRUCTOR), course.id, PageRequest()
        )
    assert queries.asked_for_students == []


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_the_owner_and_admins_list_a_courses_students(fake_uow, course_of_someone, who):
    owner, course = course_of_someone
    actor = owner.as_actor() if who == "owner" else Actor(uuid4(), Role.ADMIN)
    queries = FakeDashboardQueries()
    ListCourseStudents(fake_uow, queries)(actor, course.id, PageRequest())
    assert queries.asked_for_students == [course.id]


def test_listing_students_of_an_unknown_course_is_not_found(fake_uow):
    with pytest.raises(NotFound):
        ListCourseStudents(fake_uow, FakeDashboardQueries())(
            Actor(uuid4(), Role.ADMIN), uuid4(), PageRequest()
        )


def test_only_an_admin_sees_the_platform_analytics(clock):
    queries = FakeDashboardQueries()
    analytics = GetPlatformAnalytics(queries, clock)

    with pytest.raises(PermissionDenied) as refused:
        analytics(Actor(user_id=uuid4(), role=Role.INSTRUCTOR))

    assert refused.value.code == "admin_only"
    figures = analytics(Actor(user_id=uuid4(), role=Role.ADMIN))
    assert (figures.stats, figures.insights) == ("the platform's figures", "the window's figures")
    assert queries.asked_for_platform == (clock.now() - timedelta(days=30), 10)
    today = clock.now().date()
    assert queries.asked_for_window == Window(today - timedelta(days=29), today)
