"""The Flask application factory."""

from __future__ import annotations

import gc
from collections.abc import Callable
from types import FunctionType
from typing import Any, ClassVar

from flask import Flask
from flask_smorest import Api

from skillwise.containers import Container
from skillwise.entrypoints import http as http_package
from skillwise.entrypoints.http import docs_assets, health
from skillwise.entrypoints.http.access import enforce_access
from skillwise.entrypoints.http.access_lines import AccessLog
from skillwise.entrypoints.http.api_docs import typed_enums
from skillwise.entrypoints.http.blueprints import API_PREFIX, api_blueprints
from skillwise.entrypoints.http.catalog_answers import serve_guests_from_cache
from skillwise.entrypoints.http.edge import install_edge
from skillwise.entrypoints.http.errors import ErrorSchema, register_error_handlers
from skillwise.entrypoints.http.hardening import install_input_limits
from skillwise.entrypoints.http.json_provider import OrjsonProvider
from skillwise.entrypoints.http.jwt import configure_jwt
from skillwise.entrypoints.http.logging_setup import install_logging
from skillwise.entrypoints.http.metrics import install_metrics
from skillwise.entrypoints.http.proxies import install_trusted_proxies
from skillwise.entrypoints.http.rate_limits import configure_rate_limits
from skillwise.entrypoints.http.security_headers import install_security_headers
from skillwise.entrypoints.http.sessions import NoCookieSessions

API_DESCRIPTION = """
The REST API behind the SkillWise mobile app: find, buy and take courses; teach and earn;
run the platform.

* JSON in and out, `snake_case` fields, ISO 8601 UTC timestamps.
* Money is an integer in the currency's minor unit plus an ISO 4217 code
  (`"price": 1999, "currency": "USD"` is 19.99 USD).
* Authenticate with `Authorization: Bearer <access>` (see `/auth/login/`).
* Lists take `?page=` and `?page_size=` (at most 100) and answer
  `{count, page, page_size, next, previous, results}`.
* Errors are JSON: `{code, status, error, message, errors?}` (the `Error` schema). Branch on
  `error`, a stable reason; each operation lists the reasons it can answer, and the `Error`
  schema lists them all. A 422 `unprocessable_entity` names each invalid field in `errors`.
  Every operation but the health probes may answer 503 `database_unavailable` or
  `transaction_conflict`: try again shortly.
* Operations marked with an optional lock (`security: [{}, {bearerAuth: []}]`) are public, but
  answer more to a signed-in caller: send the token whenever you have one.
* Rate-limited operations answer 429 with `Retry-After` and `X-RateLimit-*` headers.
""".strip()


class SkillwiseFlask(Flask):
    """Flask, remembering which of its functions are plain `def`s.

    Flask asks `inspect` whether each hook and view is a coroutine function on every call,
    several times per request; none of ours is, and the answer for a function never changes.
    """

    _plain: ClassVar[set[Callable[..., Any]]] = set()

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        # A bound method is made anew for each view instance: remember its function instead.
        underlying = getattr(func, "__func__", func)
        if underlying in self._plain:
            return func
        synchronous = super().ensure_sync(func)
        if synchronous is func and isinstance(underlying, FunctionType):
            self._plain.add(underlying)
        return synchronous


class SkillwiseApi(Api):
    """flask-smorest's Api, documenting errors in the shape our handlers answer."""

    ERROR_SCHEMA = ErrorSchema

    def _register_pagination_header(self) -> None:
        """Lists are paginated in the body, never in a header: keep its schema out."""


def create_app_to_serve(container: Container | None = None) -> Flask:
    """The app for a serving process, whose start-up objects are then set aside for good.

    Everything built so far (the app, its routes and schemas, the OpenAPI document, imported
    modules: about a quarter of a million objects) lives as long as the process. Left to the
    collector, each full collection walks all of them to find nothing, holding the GIL for
    close to 0.2 s while every thread of the worker waits: the worst answers under load.
    Frozen, they are never walked again; garbage made at start-up is collected first.
    """
    app = create_app(container)
    gc.collect()
    gc.freeze()
    return app


def create_app(container: Container | None = None) -> Flask:
    container = container or Container()
    settings = container.infra.settings()
    # Built now so that a gateway configuration production refuses stops the start.
    container.infra.payment_gateways()

    app = SkillwiseFlask("skillwise")
    app.container = container  # type: ignore[attr-defined]
    app.config.update(
        SECRET_KEY=settings.secret_key,
        API_TITLE="SkillWise API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=API_PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs/",
        OPENAPI_SWAGGER_UI_URL=docs_assets.ASSETS_URL,
        OPENAPI_REDOC_PATH="/redoc/",
        OPENAPI_REDOC_URL=docs_assets.REDOC_SCRIPT_URL,
        MAX_CONTENT_LENGTH=settings.max_attachment_bytes + 1024 * 1024,
        JSON_SORT_KEYS=False,
    )
    app.json = OrjsonProvider(app)
    app.session_interface = NoCookieSessions()

    api = SkillwiseApi(
        app,
        spec_kwargs={
            "info": {"description": API_DESCRIPTION},
            "servers": [{"url": settings.public_url}],
        },
    )
    api.ma_plugin.converter.add_attribute_function(typed_enums)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    configure_jwt(app, settings)
    register_error_handlers(app)
    app.before_request(enforce_access)
    install_input_limits(app, settings)
    install_security_headers(app, settings)
    access_log = AccessLog(direct=install_logging(settings))
    install_metrics(app, settings)
    serve_guests_from_cache(app)

    api.register_blueprint(health.blp)
    app.register_blueprint(docs_assets.blp)
    app.register_blueprint(docs_assets.redoc_blp)
    for blueprint in api_blueprints():
        api.register_blueprint(blueprint, url_prefix=API_PREFIX + (blueprint.url_prefix or ""))
    configure_rate_limits(app, settings)
    install_trusted_proxies(app, settings)
    install_edge(app, settings, access_log)
    app.extensions["skillwise_api"] = api

    container.wire(packages=[http_package])
    return app
