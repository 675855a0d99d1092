"""Admin analytics over a window: hand-computed figures for two currencies over three months."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from sqlalchemy import insert

from skillwise.adapters.db.tables.learning import lesson_progress
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import a_course, a_user, an_outline, bearer
from tests.integration.builders import store_outline
from tests.integration.dashboards.conftest import add, enroll
from tests.integration.dashboards.sales import sell

pytestmark = pytest.mark.integration

URL = "/api/v1/admin/analytics/"
AUTUMN = "?from=2026-09-01&to=2026-11-30"


def at(month, day, hour=12):
    return datetime(2026, month, day, hour, tzinfo=UTC)


def joined(role, when):
    user = a_user(role)
    user.date_joined = when
    return user


@pytest.fixture
def autumn(uow_factory):
    """Sales from September to November 2026, one just before and one course of each currency.

    USD: Sep 10 a 20.00 sale (fee 4.00); Oct 5 a 20.00 sale with 5.00 off (fee 3.00).
    BDT: Oct 20 a 1000.00 sale (fee 200.00) refunded Nov 3; Nov 12 a 1000.00 sale (fee
    200.00), disputed; Aug 30 a 1000.00 sale, outside the window.
    Dan, who buys nothing, completes a lesson on Oct 1; Eve completed one in August.
    """
    teacher = joined(Role.INSTRUCTOR, at(8, 1))
    ada, bo = joined(Role.STUDENT, at(9, 10, 9)), joined(Role.STUDENT, at(9, 10, 23))
    cy, dan = joined(Role.STUDENT, at(10, 20, 0)), joined(Role.STUDENT, at(11, 30, 23))
    eve, admin = joined(Role.STUDENT, at(8, 2)), joined(Role.ADMIN, at(8, 1))
    python = a_course(teacher, price=Money(2000, "USD"), title="Python")
    bangla = a_course(teacher, price=Money(100000, "BDT"), title="Bangla")
    git = a_course(teacher, title="Git")
    add(uow_factory, teacher, ada, bo, cy, dan, eve, admin, python, bangla, git)
    outline = an_outline(git, lessons_per_module=1)
    dan_git, eve_git = enroll(dan, git, started_at=at(9, 30)), enroll(eve, git, started_at=at(8, 2))
    add(
        uow_factory,
        enroll(ada, python, started_at=at(9, 10)),
        enroll(bo, python, started_at=at(10, 5)),
        enroll(cy, bangla, started_at=at(10, 20)),
        enroll(ada, bangla, started_at=at(11, 12)),
        enroll(bo, bangla, started_at=at(8, 30)),
        dan_git,
        eve_git,
    )
    with uow_factory() as uow:
        store_outline(uow, outline)
        for enrollment, when in ((dan_git, at(10, 1)), (eve_git, at(8, 3))):
            uow.session.execute(
                insert(lesson_progress).values(
                    id=uuid4(),
                    enrollment_id=enrollment.id,
                    lesson_id=outline[0].lessons[0].id,
                    completed=True,
                    completed_at=when,
                    position_seconds=0,
                    updated_at=when,
                )
            )
        uow.commit()
    usd = {"course": python, "currency": "USD", "price": 2000}
    bdt = {"course": bangla, "currency": "BDT", "price": 100000}
    sell(uow_factory, buyer=ada, fee=400, at=at(9, 10), **usd)
    sell(uow_factory, buyer=bo, fee=300, at=at(10, 5), discount=500, **usd)
    sell(uow_factory, buyer=cy, fee=20000, at=at(10, 20), refunded_at=at(11, 3), **bdt)
    sell(uow_factory, buyer=ada, fee=20000, at=at(11, 12), disputed=True, **bdt)
    sell(uow_factory, buyer=bo, fee=20000, at=at(8, 30), **bdt)
    return {"admin": admin, "python": python, "bangla": bangla}


def month(month, currency, gross=0, discounts=0, refunds=0, platform_fees=0, net=0):
    return {
        "month": month,
        "currency": currency,
        "gross": gross,
        "discounts": discounts,
        "refunds": refunds,
        "platform_fees": platform_fees,
        "net": net,
    }


def test_revenue_by_month_lists_every_month_and_currency_of_the_window(client, app, autumn):
    body = client.get(URL + AUTUMN, headers=bearer(app, autumn["admin"])).json
    assert (body["window_from"], body["window_to"]) == ("2026-09-01", "2026-11-30")
    assert body["revenue_by_month"] == [
        month("2026-09", "BDT"),
        month("2026-09", "USD", gross=2000, platform_fees=400, net=1600),
        month("2026-10", "BDT", gross=100000, platform_fees=20000, net=80000),
        month("2026-10", "USD", gross=2000, discounts=500, platform_fees=300, net=1200),
        month("2026-11", "BDT", gross=100000, refunds=100000),
        month("2026-11", "USD"),
    ]


def test_courses_are_ranked_by_revenue_less_refunds_in_the_window(client, app, autumn):
    body = client.get(URL + AUTUMN, headers=bearer(app, autumn["admin"])).json
    assert body["top_courses_by_revenue"] == [
        {
            "id": str(autumn["bangla"].id),
            "title": "Bangla",
            "currency": "BDT",
            "revenue": 100000,
            "enrollments": 2,
        },
        {
            "id": str(autumn["python"].id),
            "title": "Python",
            "currency": "USD",
            "revenue": 3500,
            "enrollments": 2,
        },
    ]


def test_daily_series_active_users_and_rates(client, app, autumn):
    body = client.get(URL + AUTUMN, headers=bearer(app, autumn["admin"])).json
    signups = {d["day"]: d["count"] for d in body["signups_by_day"]}
    assert len(signups) == 91
    assert {day: n for day, n in signups.items() if n} == {
        "2026-09-10": 2,
        "2026-10-20": 1,
        "2026-11-30": 1,
    }
    enrolled = {d["day"]: d["count"] for d in body["enrollments_by_day"] if d["count"]}
    assert enrolled == {
        "2026-09-10": 1,
        "2026-09-30": 1,
        "2026-10-05": 1,
        "2026-10-20": 1,
        "2026-11-12": 1,
    }
    # ada, bo and cy paid; dan completed a lesson; eve did both before the window.
    assert body["active_users"] == 4
    assert body["refund_rate"] == {"BDT": 0.5, "USD": 0.0}
    assert body["dispute_rate"] == {"BDT": 0.5, "USD": 0.0}
    assert body["total_earnings"] == [
        {"amount": 200000, "currency": "BDT"},
        {"amount": 3500, "currency": "USD"},
    ]


def test_a_window_of_one_day_includes_its_whole_utc_day(client, app, autumn):
    body = client.get(
        URL + "?from=2026-09-10&to=2026-09-10", headers=bearer(app, autumn["admin"])
    ).json
    assert body["signups_by_day"] == [{"day": "2026-09-10", "count": 2}]
    assert body["revenue_by_month"] == [
        month("2026-09", "USD", gross=2000, platform_fees=400, net=1600)
    ]


def test_the_default_window_is_the_last_30_days(client, app, autumn, container):
    body = client.get(URL, headers=bearer(app, autumn["admin"])).json
    today = container.infra.clock().now().date()
    assert body["window_to"] == today.isoformat()
    assert len(body["signups_by_day"]) == 30


@pytest.mark.parametrize(
    "query",
    [
        "?from=2026-11-02&to=2026-11-01",
        "?from=2025-01-01&to=2026-01-02",
        "?from=2026-13-01&to=2026-12-01",
        "?from=yesterday",
    ],
)
def test_a_bad_window_is_refused(client, app, autumn, query):
    response = client.get(URL + query, headers=bearer(app, autumn["admin"]))
    assert response.status_code == 422


def test_the_analytics_run_as_many_statements_for_an_empty_window_as_a_busy_one(
    client, app, autumn, count_statements
):
    headers = bearer(app, autumn["admin"])
    with count_statements() as busy:
        assert client.get(URL + AUTUMN, headers=headers).status_code == 200
    with count_statements() as empty:
        assert (
            client.get(URL + "?from=2020-01-01&to=2020-12-31", headers=headers).status_code == 200
        )
    assert busy.count == empty.count
    # Auth, the all-time totals and top lists, and seven statements for the window.
    assert busy.count <= 21
