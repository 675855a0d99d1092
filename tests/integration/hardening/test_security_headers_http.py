"""Security headers on every answer, and a Content-Security-Policy each HTML page can live with."""

import base64
import hashlib
import re

import pytest
from dependency_injector import providers

from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.entrypoints.http.app import create_app
from tests.factories import a_course, a_user, bearer

pytestmark = pytest.mark.integration

API = "/api/v1"


def csp_of(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = [part.split() for part in policy.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline(tag: str, html: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)


@pytest.mark.parametrize(
    "path", ["/health/live", f"{API}/courses/", f"{API}/no-such-thing/", f"{API}/openapi.json"]
)
def test_every_answer_forbids_sniffing_framing_and_referrers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert csp_of(response)["frame-ancestors"] == ["'none'"]


def test_json_answers_may_load_nothing(client):
    assert csp_of(client.get(f"{API}/courses/"))["default-src"] == ["'none'"]


def test_a_304_carries_the_json_policy_of_the_answer_it_stands_for(client):
    listed = client.get(f"{API}/courses/")
    not_modified = client.get(f"{API}/courses/", headers={"If-None-Match": listed.headers["ETag"]})
    assert not_modified.status_code == 304
    assert (
        not_modified.headers["Content-Security-Policy"] == listed.headers["Content-Security-Policy"]
    )


def test_errors_carry_the_headers_too(client):
    response = client.delete("/health/live")
    assert response.status_code == 405
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_hsts_is_sent_only_in_production(client, container, settings_with):
    assert "Strict-Transport-Security" not in client.get("/health/live").headers
    container.infra.settings.override(providers.Object(settings_with(env="production")))
    production = create_app(container).test_client()
    hsts = production.get("/health/live").headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000


def test_swagger_ui_runs_its_own_inline_script_and_nothing_else_inline(client):
    page = client.get(f"{API}/docs/")
    policy = csp_of(page)
    scripts = inline("script", page.get_data(as_text=True))
    assert scripts, "the page initialises Swagger UI inline"
    assert policy["script-src"] == ["'self'"] + [sha256_source(script) for script in scripts]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'self'" in policy["style-src"]
    assert "data:" in policy["img-src"]
    assert "'self'" in policy["connect-src"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_redoc_may_load_only_its_own_script_and_start_its_search_worker(client):
    policy = csp_of(client.get(f"{API}/redoc/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["worker-src"] == ["blob:"]
    assert "'self'" in policy["connect-src"]


@pytest.fixture
def checkout_path(app, client, uow_factory) -> str:
    instructor, buyer = a_user(Role.INSTRUCTOR), a_user()
    course = a_course(instructor, price=Money(1999, "USD"))
    with uow_factory() as uow:
        uow.users.add(instructor)
        uow.users.add(buyer)
        uow.courses.add(course)
        uow.commit()
    created = client.post(
        f"{API}/payments/create/", json={"course_id": str(course.id)}, headers=bearer(app, buyer)
    )
    return created.json["checkout_url"].removeprefix("http://testserver")


def test_the_checkout_page_may_use_its_own_styles_and_post_only_to_this_server(
    client, checkout_path
):
    page = client.get(checkout_path)
    assert page.status_code == 200 and page.mimetype == "text/html"
    policy = csp_of(page)
    styles = inline("style", page.get_data(as_text=True))
    assert policy["style-src"] == [sha256_source(style) for style in styles]
    assert policy["form-action"] == ["'self'"]
    assert "script-src" not in policy and policy["default-src"] == ["'none'"]

    result = client.post(checkout_path + "complete/", data={"outcome": "canceled"})
    assert result.status_code == 200
    assert csp_of(result)["style-src"] == policy["style-src"]
