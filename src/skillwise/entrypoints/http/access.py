"""Who may call each endpoint: one mechanism, deny by default.

Every view method declares its audience with `@public`, `@signed_in` or `@roles(...)`. A
before-request hook reads the declaration of the matched view; a view without one answers 403,
and a test walks the URL map so none ships undeclared.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from flask import Flask, current_app, g, request
from flask_jwt_extended import get_jwt, verify_jwt_in_request
from flask_smorest.utils import load_info_from_docstring

from skillwise.domain.errors import AuthenticationRequired, PermissionDenied
from skillwise.domain.identity import Actor, Role

F = TypeVar("F", bound=Callable[..., Any])

# Endpoints the frameworks add themselves (docs, spec, static files) are public by nature.
FRAMEWORK_PUBLIC_PREFIXES = ("api-docs.", "static")


@dataclass(frozen=True)
class Access:
    public: bool
    roles: frozenset[Role] = frozenset()

    def describe(self) -> str:
        if self.public:
            return "Anyone, signed in or not."
        if not self.roles:
            return "Any signed-in user."
        return "Signed-in " + ", ".join(sorted(r.value for r in self.roles)) + " users."


def _declare(access: Access) -> Callable[[F], F]:
    def decorator(func: F) -> F:
        func._access = access  # type: ignore[attr-defined]
        apidoc = deepcopy(getattr(func, "_apidoc", {}))
        manual = apidoc.setdefault("manual_doc", {})
        if not access.public:
            manual["security"] = [{"bearerAuth": []}]
        # The manual description replaces the docstring's, so carry the docstring's over.
        docstring = load_info_from_docstring(func.__doc__ or "")
        described = manual.get("description") or docstring.get("description", "")
        manual["description"] = (described + "\n\nAccess: " + access.describe()).strip()
        func._apidoc = apidoc  # type: ignore[attr-defined]
        return func

    return decorator


def public(func: F) -> F:
    """Anyone may call; a valid token, if sent, still identifies the caller."""
    return _declare(Access(public=True))(func)


def signed_in(func: F) -> F:
    """Any signed-in user."""
    return _declare(Access(public=False))(func)


def roles(*allowed: Role) -> Callable[[F], F]:
    """Signed-in users with one of these roles (admins are never implied: name them)."""
    return _declare(Access(public=False, roles=frozenset(allowed)))


def declared_access(app: Flask, endpoint: str, method: str) -> Access | None:
    view = app.view_functions.get(endpoint)
    if view is None:
        return None
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        handler = getattr(view_class, method.lower(), None)
        if handler is None and method == "HEAD":
            handler = getattr(view_class, "get", None)
        return getattr(handler, "_access", None)
    return getattr(view, "_access", None)


def is_framework_endpoint(endpoint: str) -> bool:
    return endpoint.startswith(FRAMEWORK_PUBLIC_PREFIXES)


def enforce_access() -> None:
    """before_request hook: authenticate per the declaration and set `g.actor`."""
    g.actor = None
    endpoint = request.endpoint
    if endpoint is None or request.method == "OPTIONS" or is_framework_endpoint(endpoint):
        return
    access = declared_access(current_app, endpoint, request.method)
    if access is None:
        raise PermissionDenied("This endpoint declares no audience, so nobody may call it.")
    if access.public:
        if verify_jwt_in_request(optional=True):
            g.actor = _actor_from_claims(get_jwt())
        return
    if request.headers.get("Authorization") is None:
        raise AuthenticationRequired("Send 'Authorization: Bearer <access token>'.")
    verify_jwt_in_request()
    actor = _actor_from_claims(get_jwt())
    if access.roles and actor.role not in access.roles:
        raise PermissionDenied("Your role may not do this.", code="role_not_allowed")
    g.actor = actor


def _actor_from_claims(claims: dict[str, Any]) -> Actor:
    return Actor(user_id=UUID(claims["sub"]), role=Role(claims["role"]))


def current_actor() -> Actor:
    """The signed-in caller of a non-public view."""
    actor = g.get("actor")
    if actor is None:
        raise AuthenticationRequired()
    return actor


def optional_actor() -> Actor | None:
    """The caller of a public view, or None for guests."""
    return g.get("actor")
