"""The edge around the app: headers merged into what a view set, one access line, bounded labels."""

import io
import json
import logging

import pytest
from dependency_injector import providers
from flask import Response
from prometheus_client.parser import text_string_to_metric_families

from skillwise.entrypoints.http.access import public
from skillwise.entrypoints.http.app import create_app
from skillwise.entrypoints.http.logging_setup import ACCESS_LOGGER, build_handler

pytestmark = pytest.mark.integration

TOKEN = "metrics-token-0123456789abcdefghijklmnop"


@pytest.fixture
def opinionated_app(app):
    @public
    def opinionated():
        response = Response("{}", mimetype="application/json")
        response.headers["Vary"] = "Accept, Accept-Language"
        response.headers["Cache-Control"] = "public, max-age=3600"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

    app.add_url_rule("/opinionated", "opinionated", opinionated)
    return app


def test_a_views_own_vary_is_kept_and_authorization_is_added_once(opinionated_app):
    response = opinionated_app.test_client().get("/opinionated")
    assert response.headers.get_all("Vary") == ["Accept, Accept-Language, Authorization"]


def test_a_view_cannot_make_a_private_answer_shareable(opinionated_app):
    response = opinionated_app.test_client().get("/opinionated")
    assert response.headers.get_all("Cache-Control") == ["private, no-store"]


def test_a_security_header_the_view_set_itself_is_kept(opinionated_app):
    response = opinionated_app.test_client().get("/opinionated")
    assert response.headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_each_request_writes_exactly_one_access_line(app, settings_with):
    stream = io.StringIO()
    handler = build_handler(settings_with(env="production"), stream)
    access = logging.getLogger(ACCESS_LOGGER)
    access.addHandler(handler)
    previous = access.level
    access.setLevel(logging.INFO)
    try:
        app.test_client().get("/health/live", headers={"X-Request-ID": "req-once"})
        app.test_client().get("/api/v1/no-such-thing/", headers={"X-Request-ID": "req-twice"})
    finally:
        access.removeHandler(handler)
        access.setLevel(previous)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(line["request_id"], line["path"], line["status"]) for line in lines] == [
        ("req-once", "/health/live", 200),
        ("req-twice", "/api/v1/no-such-thing/", 404),
    ]
    assert all(line["duration_ms"] >= 0 for line in lines)


def test_invented_methods_share_one_metrics_label(container, settings_with):
    container.infra.settings.override(providers.Object(settings_with(metrics_token=TOKEN)))
    client = create_app(container).test_client()
    for method in ("BREW", "WHEN", "PROPFIND"):
        client.open("/api/v1/courses/", method=method)
    text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).get_data(
        as_text=True
    )
    methods = {
        sample.labels["method"]
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "skillwise_http_requests_total"
    }
    assert "OTHER" in methods
    assert not methods & {"BREW", "WHEN", "PROPFIND"}
