"""How views describe their answers in the OpenAPI document, beyond what flask-smorest infers.

Generated clients trust the document, so every error answer is documented with the `Error`
schema and the `error` reasons it can carry, and every operation has a stable operationId.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from functools import wraps
from typing import Any, TypeVar

from skillwise.entrypoints.http.error_reasons import ERROR_REASONS

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)

ERROR_REF = {"$ref": "#/components/schemas/Error"}

RATE_LIMIT_HEADERS = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-RateLimit-Limit": {
        "description": "Requests allowed in the current window.",
        "schema": {"type": "integer"},
    },
    "X-RateLimit-Remaining": {
        "description": "Requests left in the current window.",
        "schema": {"type": "integer"},
    },
    "X-RateLimit-Reset": {
        "description": "When the window resets, in seconds since the Unix epoch.",
        "schema": {"type": "integer"},
    },
}


def _render(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """One response object for every reason documented under a status."""
    lines = [
        entry["description"].rstrip(".")
        + (": " + ", ".join(f"`{reason}`" for reason in entry["reasons"]))
        for entry in entries
    ]
    headers: dict[str, Any] = {}
    for entry in entries:
        headers.update(entry["headers"] or {})
    reasons = list(dict.fromkeys(reason for entry in entries for reason in entry["reasons"]))
    response: dict[str, Any] = {
        "description": lines[0] + "." if len(lines) == 1 else "\n".join(f"- {ln}" for ln in lines),
        "schema": ERROR_REF,
        "content_type": None,
        "x-error-reasons": reasons,
    }
    if headers:
        response["headers"] = headers
    return response


def add_error_answer(
    func: F,
    status: int,
    description: str,
    reasons: tuple[str, ...],
    headers: dict[str, Any] | None = None,
) -> F:
    """Document (on `func` itself) that it may answer `status` with one of `reasons`."""
    unknown = [reason for reason in reasons if reason not in ERROR_REASONS.get(status, ())]
    if not reasons or unknown:
        raise ValueError(f"{status}: reasons {unknown or '(none)'} are not in ERROR_REASONS")
    apidoc = deepcopy(getattr(func, "_apidoc", {}))
    entries = apidoc.setdefault("error_answers", {}).setdefault(status, [])
    entries.append({"description": description, "reasons": list(reasons), "headers": headers})
    apidoc.setdefault("response", {}).setdefault("responses", {})[status] = [_render(entries)]
    func._apidoc = apidoc  # type: ignore[attr-defined]
    return func


def fails(
    status: int, description: str, *reasons: str, headers: dict[str, Any] | None = None
) -> Callable[[F], F]:
    """Document an error answer: its status, when it happens and the `error` reasons it carries.

    Used instead of `alt_response` for every 4xx/5xx, so each carries the Error schema.
    """

    def decorator(func: F) -> F:
        return add_error_answer(func, status, description, reasons, headers)

    return decorator


def rate_limited(description: str) -> Callable[[F], F]:
    """Document the 429 of a rate-limited endpoint, with the headers flask-limiter sends."""
    return fails(429, description, "too_many_requests", headers=RATE_LIMIT_HEADERS)


def operation(operation_id: str, **doc: Any) -> Callable[[F], F]:
    """Name the operation (generated clients call their method by it) and add raw OpenAPI."""

    def decorator(func: F) -> F:
        apidoc = deepcopy(getattr(func, "_apidoc", {}))
        manual = apidoc.setdefault("manual_doc", {})
        manual.update(deepcopy(doc))
        manual["operationId"] = operation_id
        func._apidoc = apidoc  # type: ignore[attr-defined]
        return func

    return decorator


def operations(**operation_ids: str) -> Callable[[C], C]:
    """Name the operations of a view class whose methods it inherits (one per route).

    Goes under `@blp.route`, which reads the docs when it registers the class.
    """

    def decorator(view_class: C) -> C:
        for method, operation_id in operation_ids.items():
            inherited = getattr(view_class, method)

            @wraps(inherited)
            def named(*args: Any, _inherited: Any = inherited, **kwargs: Any) -> Any:
                return _inherited(*args, **kwargs)

            setattr(view_class, method, operation(operation_id)(named))
        return view_class

    return decorator


def typed_enums(self: Any, field: Any, ret: dict[str, Any], **_: Any) -> dict[str, Any]:
    """apispec attribute function: give enums of values (by_value, OneOf, Constant) the type
    of their values, which apispec leaves out and generators and linters need."""
    if "enum" not in ret or "type" in ret:
        return {}
    values = [value for value in ret["enum"] if value is not None]
    if values and all(isinstance(value, bool) for value in values):
        return {"type": "boolean"}
    if values and all(isinstance(value, int) for value in values):
        return {"type": "integer"}
    return {"type": "string"}


ETAG_HEADER = {
    "description": "Identifies this answer; send it back in If-None-Match.",
    "schema": {"type": "string"},
}


def conditional_get(func: F) -> F:
    """Document a GET answered with an ETag that honours If-None-Match with a bodiless 304."""
    apidoc = deepcopy(getattr(func, "_apidoc", {}))
    apidoc.setdefault("arguments", {}).setdefault("parameters", []).append(
        {
            "in": "header",
            "name": "If-None-Match",
            "required": False,
            "description": "The ETag of an answer held; 304 if it is still current.",
            "schema": {"type": "string"},
        }
    )
    apidoc.setdefault("response", {}).setdefault("responses", {})[304] = [
        {
            "description": "Not modified since the ETag sent in If-None-Match; no body.",
            "headers": {"ETag": ETAG_HEADER},
            "content_type": None,
        }
    ]
    manual = apidoc.setdefault("manual_doc", {})
    manual.setdefault("responses", {})[200] = {"headers": {"ETag": ETAG_HEADER}}
    func._apidoc = apidoc  # type: ignore[attr-defined]
    return func
