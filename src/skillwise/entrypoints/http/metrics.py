"""GET /metrics for Prometheus, and the per-request counts and timings it reports.

Operators only: the endpoint answers 404 unless SKILLWISE_METRICS_TOKEN is set, and then
only to `Authorization: Bearer <that token>`. Requests are labelled by URL rule (never the
raw path, which would make a series per course id) so the number of series stays bounded.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from typing import Any

from dependency_injector.wiring import Provide, inject
from flask import Blueprint, Flask, Response, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from prometheus_client import REGISTRY, CollectorRegistry, multiprocess
from prometheus_client.exposition import choose_encoder

from skillwise.adapters import metrics
from skillwise.containers import Container
from skillwise.entrypoints.http.access import own_credential
from skillwise.entrypoints.http.errors import error_body
from skillwise.settings import Settings

UNMATCHED = "unmatched"
# Any token is a method to werkzeug; a label per invented one would grow the series unbounded.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "OTHER"

blp = Blueprint("metrics", __name__)


@blp.get("/metrics")
@own_credential
@inject
def prometheus_metrics(
    measure_outbox: Callable[[], None] = Provide[Container.infra.outbox_gauges],
) -> ResponseReturnValue:
    token = current_app.extensions["skillwise_metrics_token"]
    if not token:
        return jsonify(error_body(404, "Not found.")), 404
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(offered.encode(), token.encode()):
        body = error_body(
            401, "Send 'Authorization: Bearer <metrics token>'.", error="metrics_token_required"
        )
        return jsonify(body), 401, {"WWW-Authenticate": "Bearer"}
    # Measured now, in whichever process answers: custom collectors do not work across
    # processes, and the mostrecent gauge mode makes this latest reading the one reported.
    measure_outbox()
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))
    return Response(encode(_registry()), content_type=content_type)


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def install_metrics(app: Flask, settings: Settings) -> None:
    app.extensions["skillwise_metrics_token"] = settings.metrics_token
    app.register_blueprint(blp)


class RequestMetrics:
    """Counts and times each answered request, called by the edge.

    Each label set's pair of series is looked up once and kept: prometheus-client validates
    and locks on every `labels()` call, which was most of what counting a request cost. The
    label sets are bounded (URL rules x known methods x statuses), so the map is too.
    """

    def __init__(self) -> None:
        self._series: dict[tuple[str, str, str], tuple[Any, Any]] = {}

    def record(self, rule: str | None, method: str, status: int, seconds: float) -> None:
        labels = (
            rule or UNMATCHED,
            method if method in KNOWN_METHODS else OTHER_METHOD,
            str(status),
        )
        series = self._series.get(labels)
        if series is None:
            series = self._series.setdefault(
                labels,
                (
                    metrics.http_requests.labels(*labels),
                    metrics.http_request_duration.labels(*labels),
                ),
            )
        count, duration = series
        count.inc()
        duration.observe(seconds)
