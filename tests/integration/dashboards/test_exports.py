"""The CSV exports, parsed back: rows, decimals per currency, the window and who may ask."""

import csv
import io

import pytest

from skillwise.domain.identity import Role
from tests.factories import a_user, bearer
from tests.integration.dashboards.conftest import add

pytestmark = pytest.mark.integration

PAYMENTS = "/api/v1/admin/payments/export/"
EARNINGS = "/api/v1/instructors/earnings/export/"
AUTUMN = "?from=2026-09-01&to=2026-11-30"


def parsed(response):
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8"))))


def test_the_payments_export_lists_the_windows_payments_oldest_first(client, app, autumn):
    rows = parsed(client.get(PAYMENTS + AUTUMN, headers=bearer(app, autumn["admin"])))
    shown = ("created_at", "status", "price", "discount", "amount", "refunded", "currency")
    assert [tuple(r[c] for c in shown) for r in rows] == [
        ("2026-09-10T12:00:00+00:00", "succeeded", "20.00", "0.00", "20.00", "0.00", "USD"),
        ("2026-10-05T12:00:00+00:00", "succeeded", "20.00", "5.00", "15.00", "0.00", "USD"),
        ("2026-10-20T12:00:00+00:00", "refunded", "1000.00", "0.00", "1000.00", "1000.00", "BDT"),
        ("2026-11-12T12:00:00+00:00", "succeeded", "1000.00", "0.00", "1000.00", "0.00", "BDT"),
    ]
    assert [(r["course"], r["buyer"]) for r in rows] == [
        ("Python", autumn["ada"].email.value),
        ("Python", autumn["bo"].email.value),
        ("Bangla", autumn["cy"].email.value),
        ("Bangla", autumn["ada"].email.value),
    ]
    assert all(r["id"] and r["course_id"] == str(autumn["python"].id) for r in rows[:2])


def test_the_earnings_export_is_the_callers_ledger_with_refunds_negative(client, app, autumn):
    rows = parsed(client.get(EARNINGS + AUTUMN, headers=bearer(app, autumn["teacher"])))
    assert [(r["kind"], r["gross"], r["fee"], r["net"], r["currency"]) for r in rows] == [
        ("sale", "20.00", "4.00", "16.00", "USD"),
        ("sale", "15.00", "3.00", "12.00", "USD"),
        ("sale", "1000.00", "200.00", "800.00", "BDT"),
        ("refund", "-1000.00", "-200.00", "-800.00", "BDT"),
        ("sale", "1000.00", "200.00", "800.00", "BDT"),
    ]
    assert rows[3]["created_at"] == "2026-11-03T12:00:00+00:00"
    assert rows[3]["student"] == autumn["cy"].full_name
    assert rows[3]["course"] == "Bangla"


def test_another_instructor_exports_only_a_header(client, app, autumn, uow_factory):
    rival = a_user(Role.INSTRUCTOR)
    add(uow_factory, rival)
    response = client.get(EARNINGS + AUTUMN, headers=bearer(app, rival))
    assert parsed(response) == []
    assert response.get_data(as_text=True).startswith("id,created_at,kind,gross,fee,net,")


def test_an_empty_window_exports_a_header_only(client, app, autumn):
    response = client.get(
        PAYMENTS + "?from=2020-01-01&to=2020-01-31", headers=bearer(app, autumn["admin"])
    )
    assert parsed(response) == []


@pytest.mark.parametrize("path", [PAYMENTS, EARNINGS])
@pytest.mark.parametrize(
    "query", ["?from=2026-11-02&to=2026-11-01", "?from=2025-01-01&to=2026-01-02", "?to=31-12-2026"]
)
def test_a_bad_window_is_refused_before_any_row(client, app, autumn, path, query):
    who = autumn["admin"] if path == PAYMENTS else autumn["teacher"]
    response = client.get(path + query, headers=bearer(app, who))
    assert response.status_code == 422
    assert response.mimetype == "application/json"


@pytest.mark.parametrize(
    ("path", "role", "status"),
    [
        (PAYMENTS, None, 401),
        (PAYMENTS, Role.STUDENT, 403),
        (PAYMENTS, Role.INSTRUCTOR, 403),
        (EARNINGS, None, 401),
        (EARNINGS, Role.STUDENT, 403),
    ],
)
def test_exports_are_for_their_roles_only(client, app, uow_factory, path, role, status):
    headers = {}
    if role is not None:
        user = a_user(role)
        add(uow_factory, user)
        headers = bearer(app, user)
    assert client.get(path, headers=headers).status_code == status
