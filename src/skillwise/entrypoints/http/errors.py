"""One place that turns every error into the JSON shape of API.md."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from skillwise.application.payments.gateway import GatewayUnavailable, InvalidWebhook
from skillwise.domain import errors as domain
from skillwise.entrypoints.http.error_reasons import reasons_table

log = logging.getLogger(__name__)


class ErrorSchema(Schema):
    class Meta:
        description = (
            "Every error answer. `error` is a stable machine-readable reason: branch on it, "
            "not on `message`, which is for people and may change. New reasons may be added; "
            "treat an unknown one by its `code`. Each operation lists the reasons it can "
            "answer under each status.\n\n" + reasons_table()
        )

    code = fields.Integer(
        required=True, metadata={"description": "The HTTP status", "example": 404}
    )
    status = fields.String(
        required=True, metadata={"description": "The status phrase", "example": "Not Found"}
    )
    error = fields.String(
        required=True,
        metadata={
            "description": "A stable machine-readable reason (see the table above)",
            "example": "course_not_found",
        },
    )
    message = fields.String(
        required=True, metadata={"description": "For people", "example": "No course with this id."}
    )
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={
            "description": "Validation errors (422): field -> messages",
            "example": {"price": ["Must be greater than or equal to 0."]},
        },
    )


# Most specific first: the first matching class decides the status.
DOMAIN_STATUS: list[tuple[type[domain.DomainError], int]] = [
    (InvalidWebhook, 400),
    (GatewayUnavailable, 503),
    (domain.AuthenticationRequired, 401),
    (domain.InvalidCredentials, 401),
    (domain.PermissionDenied, 403),
    (domain.NotFound, 404),
    (domain.Conflict, 409),
    (domain.PaymentRequired, 402),
    (domain.DomainValidationError, 422),
    (domain.ServiceUnavailable, 503),
]


def error_body(
    status: int, message: str, *, error: str | None = None, errors: Any = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": status,
        "status": HTTPStatus(status).phrase,
        "error": error or HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_"),
        "message": message,
    }
    if errors:
        body["errors"] = errors
    return body


def status_for(error: domain.DomainError) -> int:
    for error_class, status in DOMAIN_STATUS:
        if isinstance(error, error_class):
            return status
    return 400


def _flatten(messages: Any) -> Any:
    """webargs nests errors by location ({"json": {...}}); clients want field -> messages."""
    if not isinstance(messages, dict):
        return messages
    flat: dict[str, Any] = {}
    for location, by_field in messages.items():
        if isinstance(by_field, dict):
            flat.update(by_field)
        else:
            flat[location] = by_field
    return flat


def handle_domain_error(error: domain.DomainError) -> ResponseReturnValue:
    status = status_for(error)
    return jsonify(error_body(status, error.message, error=error.code)), status


def handle_http_exception(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = _flatten(data.get("messages") or data.get("errors"))
    message = data.get("message")
    if message is None:
        if status == 422:
            message = "The request is not valid; see `errors` for each field."
        elif status == 400 and errors:
            message = "The request body is not valid JSON."
        else:
            message = error.description or HTTPStatus(status).phrase
    response = jsonify(error_body(status, message, errors=errors))
    response.status_code = status
    for name, value in (data.get("headers") or {}).items():
        response.headers[name] = value
    if status == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if getattr(error, "response", None) is not None and error.response is not None:
        for name, value in error.response.headers.items():
            if name.lower() in {
                "retry-after",
                "x-ratelimit-limit",
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
            }:
                response.headers[name] = value
    return response


def handle_unexpected(error: Exception) -> ResponseReturnValue:
    log.exception("unhandled error", exc_info=error)
    return jsonify(error_body(500, "Something went wrong on our side.")), 500


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(domain.DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
