"""`skillwise seed-demo`: a living catalog, demo accounts that can sign in, idempotent."""

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from skillwise.adapters.db.tables.core import courses, lessons, modules, users
from skillwise.entrypoints.demo.accounts import DEMO_ACCOUNTS
from skillwise.entrypoints.demo.seeder import DEFAULT_COURSES, DemoSeeder

pytestmark = pytest.mark.integration


def seeder(container):
    return DemoSeeder(
        uow_factory=container.infra.uow,
        hasher=container.accounts.password_hasher(),
        clock=container.infra.clock(),
    )


def row_counts(container):
    with container.infra.engine().connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (users, courses, modules, lessons)
        }


def test_the_default_demo_is_a_living_catalog(container, client):
    report = seeder(container)()
    assert report.courses_created == DEFAULT_COURSES == 60
    listing = client.get("/api/v1/courses/", query_string={"page_size": 100}).json
    assert listing["count"] == 59
    items = listing["results"]
    assert len({course["category"] for course in items}) >= 8
    assert len({course["instructor"]["id"] for course in items}) >= 5
    assert any(course["is_free"] for course in items)
    assert {course["currency"] for course in items} == {"USD", "BDT"}
    assert all(2 <= course["lesson_count"] <= 30 for course in items)
    detail = client.get(f"/api/v1/courses/{items[0]['id']}/").json
    assert 2 <= len(detail["modules"]) <= 5
    assert all(2 <= len(module["lessons"]) <= 6 for module in detail["modules"])
    assert detail["modules"][0]["lessons"][0]["is_preview"] is True
    assert detail["description"].startswith("This course takes you through")


def test_the_demo_accounts_sign_in_with_the_printed_passwords(container, client):
    seeder(container)(courses=3)
    for account in DEMO_ACCOUNTS:
        response = client.post(
            "/api/v1/auth/login/", json={"email": account.email, "password": account.password}
        )
        assert response.status_code == 200, account.email
        assert response.json["user"]["role"] == account.role.value
        assert response.json["user"]["email_verified"] is True


def test_seeding_twice_changes_nothing_and_more_courses_only_add(container):
    seeder(container)(courses=10)
    first = row_counts(container)
    again = seeder(container)(courses=10)
    assert (again.courses_created, again.accounts_created) == (0, [])
    assert row_counts(container) == first
    more = seeder(container)(courses=14)
    assert more.courses_created == 4
    assert row_counts(container)["courses"] == first["courses"] + 4


def test_the_command_prints_the_demo_accounts(container, monkeypatch):
    from skillwise.entrypoints import cli

    monkeypatch.setattr(cli, "_container", lambda: container)
    result = CliRunner().invoke(cli.main, ["seed-demo", "--courses", "5"])
    assert result.exit_code == 0, result.output
    assert "5 course(s)" in result.output
    for account in DEMO_ACCOUNTS:
        assert f"{account.email}" in result.output and account.password in result.output


@pytest.mark.postgres
def test_the_command_leaves_the_planner_statistics_of_what_it_loaded(container, monkeypatch, stack):
    from sqlalchemy import text

    from skillwise.entrypoints import cli

    monkeypatch.setattr(cli, "_container", lambda: container)
    result = CliRunner().invoke(cli.main, ["seed-demo", "--courses", "5"])
    assert result.exit_code == 0, result.output
    with container.infra.engine().connect() as connection:
        estimated = connection.execute(
            text("SELECT reltuples FROM pg_class WHERE relname = 'courses'")
        ).scalar_one()
    assert estimated == row_counts(container)["courses"]
