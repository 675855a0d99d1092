from datetime import date, timedelta
from uuid import uuid4

import pytest

from skillwise.application.dashboards.ports import (
    CourseActivity,
    DayCount,
    LessonCompletion,
    LessonDropOff,
    RatingCount,
)
from skillwise.application.dashboards.use_cases.get_course_analytics import GetCourseAnalytics
from skillwise.application.dashboards.window import InvalidWindow, Window
from skillwise.domain.errors import CourseNotFound, PermissionDenied
from skillwise.domain.identity import Actor, Role
from tests.factories import a_course, a_user
from tests.fakes.dashboards import FakeDashboardQueries

INTRO, SETUP, DEEP = uuid4(), uuid4(), uuid4()
# Four students, one finished; the three lessons were completed by 3, 2 and none of them.
BUSY = CourseActivity(
    students=4,
    completed=1,
    enrollments_by_day=[DayCount(date(2026, 11, 1), 3)],
    lessons=[
        LessonCompletion(INTRO, "Intro", 3),
        LessonCompletion(SETUP, "Setup", 2),
        LessonCompletion(DEEP, "Deep dive", 0),
    ],
    ratings={5: 2, 3: 1},
)


@pytest.fixture
def taught(fake_uow):
    owner = a_user(Role.INSTRUCTOR)
    published, draft = a_course(owner), a_course(owner, published=False)
    with fake_uow:
        fake_uow.users.add(owner)
        fake_uow.courses.add(published)
        fake_uow.courses.add(draft)
        fake_uow.commit()
    return owner, published, draft


@pytest.mark.parametrize("who", ["owner", "admin"])
def test_the_owner_and_admins_get_rates_shares_and_every_rating(fake_uow, clock, taught, who):
    owner, course, _ = taught
    actor = owner.as_actor() if who == "owner" else Actor(uuid4(), Role.ADMIN)
    queries = FakeDashboardQueries(activity=BUSY)
    analytics = GetCourseAnalytics(fake_uow, queries, clock)(actor, course.id)
    assert analytics.completion_rate == 0.25
    assert analytics.average_progress == 41.67  # 5 of 12 lessons
    assert analytics.drop_off == [
        LessonDropOff(INTRO, "Intro", 3, 0.75),
        LessonDropOff(SETUP, "Setup", 2, 0.5),
        LessonDropOff(DEEP, "Deep dive", 0, 0.0),
    ]
    assert analytics.rating_distribution == [
        RatingCount(1, 0),
        RatingCount(2, 0),
        RatingCount(3, 1),
        RatingCount(4, 0),
        RatingCount(5, 2),
    ]
    assert analytics.enrollments_by_day == BUSY.enrollments_by_day
    today = clock.now().date()
    assert queries.asked_for_activity == [(course.id, Window(today - timedelta(days=29), today))]


def test_a_course_without_students_answers_zeros_not_a_division_by_zero(fake_uow, clock, taught):
    owner, course, _ = taught
    quiet = CourseActivity(
        students=0,
        completed=0,
        enrollments_by_day=[],
        lessons=[LessonCompletion(INTRO, "Intro", 0)],
        ratings={},
    )
    analytics = GetCourseAnalytics(fake_uow, FakeDashboardQueries(activity=quiet), clock)(
        owner.as_actor(), course.id
    )
    assert (analytics.completion_rate, analytics.average_progress) == (0.0, 0.0)
    assert analytics.drop_off == [LessonDropOff(INTRO, "Intro", 0, 0.0)]
    assert [r.count for r in analytics.rating_distribution] == [0, 0, 0, 0, 0]


def test_another_instructor_is_refused_a_published_course_and_never_learns_of_a_draft(
    fake_uow, clock, taught
):
    _, published, draft = taught
    queries = FakeDashboardQueries(activity=BUSY)
    analytics = GetCourseAnalytics(fake_uow, queries, clock)
    rival = Actor(uuid4(), Role.INSTRUCTOR)
    with pytest.raises(PermissionDenied) as refused:
        analytics(rival, published.id)
    assert refused.value.code == "not_course_owner"
    with pytest.raises(CourseNotFound):
        analytics(rival, draft.id)
    assert queries.asked_for_activity == []


def test_an_unknown_course_is_not_found(fake_uow, clock):
    with pytest.raises(CourseNotFound):
        GetCourseAnalytics(fake_uow, FakeDashboardQueries(), clock)(
            Actor(uuid4(), Role.ADMIN), uuid4()
        )


def test_the_window_follows_the_analytics_rules(fake_uow, clock, taught):
    owner, course, _ = taught
    queries = FakeDashboardQueries()
    analytics = GetCourseAnalytics(fake_uow, queries, clock)
    analytics(owner.as_actor(), course.id, date(2026, 9, 1), date(2026, 9, 30))
    assert queries.asked_for_activity[-1][1] == Window(date(2026, 9, 1), date(2026, 9, 30))
    with pytest.raises(InvalidWindow):
        analytics(owner.as_actor(), course.id, date(2026, 10, 2), date(2026, 10, 1))
