"""Admin analytics over a window: hand-computed figures for two currencies over three months."""

import pytest
from dependency_injector import providers

from skillwise.domain.identity import Role
from tests.factories import a_user, bearer
from tests.integration.dashboards.conftest import add

pytestmark = pytest.mark.integration

URL = "/api/v1/admin/analytics/"
AUTUMN = "?from=2026-09-01&to=2026-11-30"


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
        month("2026-09", "BDT"),
        month("2026-09", "USD", gross=2000, platform_fees=400, net=1600),
    ]


def test_a_window_without_sales_lists_its_months_as_zeros_in_every_currency_ever_sold(
    client, app, autumn
):
    quiet = "?from=2026-01-15&to=2026-02-10"
    zeros = [month(m, c) for m in ("2026-01", "2026-02") for c in ("BDT", "USD")]
    admin = client.get(URL + quiet, headers=bearer(app, autumn["admin"])).json
    assert admin["revenue_by_month"] == zeros
    assert admin["top_courses_by_revenue"] == []
    dashboard = "/api/v1/instructors/dashboard/" + quiet
    mine = client.get(dashboard, headers=bearer(app, autumn["teacher"])).json
    assert mine["revenue_by_month"] == zeros


def test_before_any_sale_the_months_are_zeros_in_the_default_currency(
    client, app, uow_factory, container, settings_with
):
    admin, teacher = a_user(Role.ADMIN), a_user(Role.INSTRUCTOR)
    add(uow_factory, admin, teacher)
    window = "?from=2026-11-20&to=2026-12-05"
    body = client.get(URL + window, headers=bearer(app, admin)).json
    assert body["revenue_by_month"] == [month("2026-11", "USD"), month("2026-12", "USD")]
    container.infra.settings.override(providers.Object(settings_with(default_currency="EUR")))
    dashboard = client.get(
        "/api/v1/instructors/dashboard/" + window, headers=bearer(app, teacher)
    ).json
    assert dashboard["revenue_by_month"] == [month("2026-11", "EUR"), month("2026-12", "EUR")]
    assert (dashboard["currency"], dashboard["total_earnings"]) == ("EUR", 0)


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
    # Auth, the all-time totals and top lists, and eight statements for the window.
    assert busy.count <= 22


def test_the_instructor_dashboard_gives_my_revenue_by_month_and_course(
    client, app, autumn, uow_factory
):
    url = "/api/v1/instructors/dashboard/" + AUTUMN
    body = client.get(url, headers=bearer(app, autumn["teacher"])).json
    assert body["revenue_by_month"] == [
        month("2026-09", "BDT"),
        month("2026-09", "USD", gross=2000, platform_fees=400, net=1600),
        month("2026-10", "BDT", gross=100000, platform_fees=20000, net=80000),
        month("2026-10", "USD", gross=2000, discounts=500, platform_fees=300, net=1200),
        month("2026-11", "BDT", gross=100000, refunds=100000),
        month("2026-11", "USD"),
    ]
    assert [(c["title"], c["currency"], c["revenue"]) for c in body["course_revenue"]] == [
        ("Bangla", "BDT", 100000),
        ("Python", "USD", 3500),
    ]
    rival = a_user(Role.INSTRUCTOR)
    add(uow_factory, rival)
    theirs = client.get(url, headers=bearer(app, rival)).json
    # Nothing of theirs ever sold: their months are zeros in the platform's default currency.
    assert theirs["revenue_by_month"] == [
        month(m, "USD") for m in ("2026-09", "2026-10", "2026-11")
    ]
    assert theirs["course_revenue"] == []
    bad = client.get(url.replace("2026-09-01", "2026-12-01"), headers=bearer(app, rival))
    assert bad.status_code == 422
