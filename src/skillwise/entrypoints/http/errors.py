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

log = logging.getLogger(__name__)


# Every `error` reason the API answers, by status. The domain, the application and this layer
# raise them; a test compares this table with the reasons raised in the source, so neither
# drifts. The base reasons (`not_found`, `conflict` ...) are answered when nothing more precise
# applies; the HTTP ones (`bad_request`, `unprocessable_entity` ...) come from the framework.
ERROR_REASONS: dict[int, tuple[str, ...]] = {
    400: ("bad_request", "invalid_webhook", "invalid_unsubscribe_link"),
    401: (
        "authentication_required",
        "invalid_token",
        "token_expired",
        "token_revoked",
        "invalid_credentials",
        "refresh_token_reused",
    ),
    402: ("payment_required",),
    403: (
        "permission_denied",
        "role_not_allowed",
        "admin_only",
        "email_not_verified",
        "not_course_owner",
        "not_enrolled",
        "not_review_author",
        "own_course",
        "enrollment_refunded",
        "payment_disputed",
    ),
    404: (
        "not_found",
        "account_not_found",
        "user_not_found",
        "course_not_found",
        "module_not_found",
        "lesson_not_found",
        "attachment_not_found",
        "attachment_file_missing",
        "enrollment_not_found",
        "not_enrolled",
        "review_not_found",
        "report_not_found",
        "target_not_found",
        "notification_not_found",
        "payment_not_found",
        "invoice_not_found",
        "refund_request_not_found",
        "gateway_not_configured",
        "device_not_found",
        "certificate_not_found",
        "not_in_wishlist",
        "upload_not_found",
        "video_not_found",
        "coupon_not_found",
    ),
    405: ("method_not_allowed",),
    409: (
        "conflict",
        "email_taken",
        "email_already_verified",
        "slug_taken",
        "already_enrolled",
        "already_reviewed",
        "already_reported",
        "report_closed",
        "payment_not_refundable",
        "not_held_for_review",
        "direct_upload_unavailable",
        "upload_not_pending",
        "refund_exceeds_payment",
        "refund_request_open",
        "refund_request_decided",
        "coupon_code_taken",
    ),
    413: ("request_entity_too_large",),
    422: (
        "unprocessable_entity",
        "invalid_window",
        "validation_error",
        "invalid_email",
        "weak_password",
        "role_not_allowed",
        "invalid_token",
        "token_used",
        "token_expired",
        "account_inactive",
        "invalid_name",
        "invalid_bio",
        "invalid_avatar_url",
        "cannot_change_own_role",
        "cannot_deactivate_self",
        "cannot_delete_self",
        "invalid_page",
        "invalid_page_size",
        "invalid_price_range",
        "blank_title",
        "negative_price",
        "price_too_high",
        "unknown_currency",
        "currency_not_supported",
        "amount_out_of_range",
        "amount_not_chargeable",
        "currency_mismatch",
        "course_has_no_lessons",
        "invalid_position",
        "attachment_empty",
        "attachment_too_large",
        "attachment_type_not_allowed",
        "attachment_content_mismatch",
        "lesson_not_in_course",
        "nothing_to_record",
        "invalid_rating",
        "comment_too_long",
        "invalid_reason",
        "invalid_status",
        "invalid_resolution_note",
        "unknown_gateway",
        "course_not_published",
        "course_is_free",
        "idempotency_key_reused",
        "invalid_fee",
        "invalid_outcome",
        "invalid_date_range",
        "note_required",
        "note_too_long",
        "preference_locked",
        "unknown_kind",
        "upload_missing",
        "upload_size_mismatch",
        "upload_type_mismatch",
        "video_content_mismatch",
        "video_too_large",
        "video_type_not_allowed",
        "refund_window_closed",
        "too_much_progress",
        "invalid_refund_amount",
        "invalid_coupon",
        "invalid_coupon_code",
        "coupon_not_found",
        "coupon_expired",
        "coupon_not_yet_valid",
        "coupon_used_up",
        "coupon_not_for_this_course",
        "coupon_limit_reached_for_you",
    ),
    429: ("too_many_requests",),
    500: ("internal_server_error",),
    503: (
        "service_unavailable",
        "gateway_unavailable",
        "database_unavailable",
        "transaction_conflict",
    ),
}


def _reasons_table() -> str:
    rows = "\n".join(
        f"| {status} | {', '.join(f'`{reason}`' for reason in reasons)} |"
        for status, reasons in ERROR_REASONS.items()
    )
    return "| status | `error` reasons |\n|---|---|\n" + rows


class ErrorSchema(Schema):
    class Meta:
        description = (
            "Every error answer. `error` is a stable machine-readable reason: branch on it, "
            "not on `message`, which is for people and may change. New reasons may be added; "
            "treat an unknown one by its `code`. Each operation lists the reasons it can "
            "answer under each status.\n\n" + _reasons_table()
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
