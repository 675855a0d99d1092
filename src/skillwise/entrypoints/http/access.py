"""Who may call each endpoint: one mechanism, deny by default.

Every view method declares its audience with `@public`, `@public_or_signed_in`, `@signed_in`,
`@roles(...)` or, for operators' endpoints that check a credential of their own,
`@own_credential`. A before-request hook reads the declaration of the matched view; a view
without one answers 403, and a test walks the URL map so none ships undeclared. The same
declaration writes the operation's `security` and its 401 and 403 answers into the OpenAPI
document, so the document cannot drift from what is enforced.
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
from skillwise.entrypoints.http.api_docs import add_error_answer

F = TypeVar("F", bound=Callable[..., Any])

# Endpoints the frameworks add themselves (docs, spec, static files) are public by nature.
FRAMEWORK_PUBLIC_PREFIXES = ("api-docs.", "static")


BEARER = {"bearerAuth": []}
TOKEN_REFUSED = ("invalid_token", "token_expired", "token_revoked")


@dataclass(frozen=True)
class Access:
    public: bool
    roles: frozenset[Role] = frozenset()
    # Public, but a signed-in caller is told apart (and may see more): clients should send
    # their token when they have one.
    reads_caller: bool = False
    own_credential: bool = False
    # Everything but the process probes reads or writes the database (signed-in calls check
    # the token blocklist there too), so each may answer 503 while it is unreachable.
    needs_database: bool = True

    def describe(self) -> str:
        if self.own_credential:
            return "Holders of this endpoint's own credential; user tokens play no part."
        if self.reads_caller:
            return "Anyone; signed-in callers send their token and may see more."
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
        if access.reads_caller:
            manual["security"] = [{}, BEARER]
        elif access.public:
            manual["security"] = []
        else:
            manual["security"] = [BEARER]
        # The manual description replaces the docstring's, so carry the docstring's over.
        docstring = load_info_from_docstring(func.__doc__ or "")
        described = manual.get("description") or docstring.get("description", "")
        manual["description"] = (described + "\n\nAccess: " + access.describe()).strip()
        func._apidoc = apidoc  # type: ignore[attr-defined]
        return _document_refusals(func, access)

    return decorator


def _document_refusals(func: F, access: Access) -> F:
    if access.needs_database:
        add_error_answer(
            func,
            503,
            "The database is not reachable right now, or the request collided with a "
            "concurrent one; try again shortly",
            ("database_unavailable", "transaction_conflict"),
        )
    if access.reads_caller:
        return add_error_answer(func, 401, "The token sent is not valid", TOKEN_REFUSED)
    if access.public:
        return func
    add_error_answer(
        func,
        401,
        "Not signed in, or the access token is not valid",
        ("authentication_required", *TOKEN_REFUSED),
    )
    if access.roles:
        allowed = ", ".join(sorted(role.value for role in access.roles))
        add_error_answer(func, 403, f"Signed in, but not as {allowed}", ("role_not_allowed",))
    return func


def public(func: F) -> F:
    """Anyone may call, and the answer is the same for everyone."""
    return _declare(Access(public=True))(func)


def probe(func: F) -> F:
    """A public health probe: it reports on the services rather than failing with them."""
    return _declare(Access(public=True, needs_database=False))(func)


def public_or_signed_in(func: F) -> F:
    """Anyone may call; a valid token, if sent, identifies the caller (`optional_actor()`)."""
    return _declare(Access(public=True, reads_caller=True))(func)


def signed_in(func: F) -> F:
    """Any signed-in user."""
    return _declare(Access(public=False))(func)


def roles(*allowed: Role) -> Callable[[F], F]:
    """Signed-in users with one of these roles (admins are never implied: name them)."""
    return _declare(Access(public=False, roles=frozenset(allowed)))


def own_credential(func: F) -> F:
    """The view checks a credential of its own (a scraper's token, say); the Authorization
    header is not read as a user's token."""
    return _declare(Access(public=True, own_credential=True))(func)


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
    # The proxies resolved once: each use of `request` or `g` looks up the context again.
    current, context = request._get_current_object(), g._get_current_object()
    context.actor = None
    endpoint = current.endpoint
    if endpoint is None or current.method == "OPTIONS" or is_framework_endpoint(endpoint):
        return
    access = _declared(endpoint, current.method)
    context.access = access
    if access is None:
        raise PermissionDenied("This endpoint declares no audience, so nobody may call it.")
    if access.own_credential:
        return
    has_token = "HTTP_AUTHORIZATION" in current.environ
    if access.public:
        # Tokens come only in that header: without it there is nothing to verify.
        if has_token and verify_jwt_in_request(optional=True):
            context.actor = _actor_from_claims(get_jwt())
        return
    if not has_token:
        raise AuthenticationRequired("Send 'Authorization: Bearer <access token>'.")
    verify_jwt_in_request()
    actor = _actor_from_claims(get_jwt())
    if access.roles and actor.role not in access.roles:
        raise PermissionDenied("Your role may not do this.", code="role_not_allowed")
    context.actor = actor


def _declared(endpoint: str, method: str) -> Access | None:
    """`declared_access`, looked up once per endpoint and method: Flask refuses to rebind
    an endpoint to another view, so the answer never changes."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    known: dict[tuple[str, str], Access | None] = app.extensions.setdefault(
        "skillwise_declared_access", {}
    )
    key = (endpoint, method)
    if key not in known:
        known[key] = declared_access(app, endpoint, method)
    return known[key]


def _actor_from_claims(claims: dict[str, Any]) -> Actor:
    return Actor(user_id=UUID(claims["sub"]), role=Role(claims["role"]))


def current_actor() -> Actor:
    """The signed-in caller of a non-public view."""
    actor = g.get("actor")
    if actor is None:
        raise AuthenticationRequired()
    return actor


def optional_actor() -> Actor | None:
    """The caller of a `@public_or_signed_in` view, or None for guests."""
    access = g.get("access")
    if access is None or not access.reads_caller:
        # The document would tell clients not to send their token here.
        raise RuntimeError("A view that reads its caller must be declared @public_or_signed_in.")
    return g.get("actor")
