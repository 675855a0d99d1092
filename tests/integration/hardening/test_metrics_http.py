"""GET /metrics: Prometheus text behind a token, by URL rule and status, across processes."""

import os
import subprocess
import sys
from uuid import uuid4

import pytest
from dependency_injector import providers
from prometheus_client.parser import text_string_to_metric_families

from skillwise.adapters import metrics
from skillwise.entrypoints.http.app import create_app

pytestmark = pytest.mark.integration

TOKEN = "metrics-token-0123456789abcdefghijklmnop"
SCRAPER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def monitored(container, settings_with):
    container.infra.settings.override(providers.Object(settings_with(metrics_token=TOKEN)))
    app = create_app(container)
    app.config["TESTING"] = True
    return app.test_client()


def sample(text: str, name: str, **labels) -> float:
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return 0.0


def scrape(client) -> str:
    response = client.get("/metrics", headers=SCRAPER)
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return response.get_data(as_text=True)


def test_without_a_configured_token_metrics_are_not_found(client):
    response = client.get("/metrics", headers=SCRAPER)
    assert response.status_code == 404
    assert response.is_json
    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Token": TOKEN}])
def test_with_a_token_configured_other_callers_are_refused_in_json(monitored, headers):
    response = monitored.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.is_json
    assert response.json["error"] == "metrics_token_required"
    assert "skillwise_" not in response.get_data(as_text=True)


def test_requests_are_counted_and_timed_by_url_rule_method_and_status(monitored):
    course_rule = "/api/v1/courses/<uuid:course_id>/"
    before = scrape(monitored)
    monitored.get("/api/v1/courses/")
    monitored.get(f"/api/v1/courses/{uuid4()}/")
    monitored.get(f"/api/v1/courses/{uuid4()}/")
    monitored.get("/api/v1/no-such-thing/")
    after = scrape(monitored)

    def grew(name: str, **labels) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    listed = {"endpoint": "/api/v1/courses/", "method": "GET", "status": "200"}
    assert grew("skillwise_http_requests_total", **listed) == 1
    missing = {"endpoint": course_rule, "method": "GET", "status": "404"}
    assert grew("skillwise_http_requests_total", **missing) == 2
    assert grew("skillwise_http_requests_total", endpoint="unmatched", status="404") == 1
    assert grew("skillwise_http_request_duration_seconds_count", **listed) == 1
    assert grew("skillwise_http_request_duration_seconds_sum", **listed) > 0
    assert "/api/v1/no-such-thing/" not in after


def test_the_module_api_for_payments_and_workers_is_exposed(monitored):
    before = scrape(monitored)
    metrics.payment_events.labels(outcome="applied").inc()
    metrics.worker_job_failures.labels(actor="send_email").inc()
    after = scrape(monitored)

    applied = {"outcome": "applied"}
    assert sample(after, "skillwise_payment_events_total", **applied) == (
        sample(before, "skillwise_payment_events_total", **applied) + 1
    )
    failures = {"actor": "send_email"}
    assert sample(after, "skillwise_worker_job_failures_total", **failures) == (
        sample(before, "skillwise_worker_job_failures_total", **failures) + 1
    )


COUNT_ONE_PAYMENT_EVENT = """
from skillwise.adapters import metrics
metrics.payment_events.labels(outcome="duplicate").inc()
"""

SCRAPE = """
import sys
from dependency_injector import providers
from skillwise.containers import Container
from skillwise.entrypoints.http.app import create_app
from skillwise.settings import Settings

container = Container()
container.infra.settings.override(providers.Object(Settings(
    env="test", secret_key="k" * 40, var_dir=sys.argv[1], database_url="sqlite://",
    metrics_token=sys.argv[2],
)))
response = create_app(container).test_client().get(
    "/metrics", headers={"Authorization": "Bearer " + sys.argv[2]}
)
assert response.status_code == 200, response.status_code
print(response.get_data(as_text=True))
"""


def test_with_a_multiprocess_directory_every_process_is_summed(tmp_path):
    shared = tmp_path / "prometheus"
    shared.mkdir()
    environ = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(shared)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", COUNT_ONE_PAYMENT_EVENT], env=environ, check=True)
    scraped = subprocess.run(
        [sys.executable, "-c", SCRAPE, str(tmp_path), TOKEN],
        env=environ,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert sample(scraped, "skillwise_payment_events_total", outcome="duplicate") == 2
