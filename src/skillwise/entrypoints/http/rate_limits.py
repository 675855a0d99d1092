"""Rate limits (flask-limiter) on the endpoints worth hammering: sign-in, sign-up, reset.

Counters live in Redis when SKILLWISE_REDIS_URL is set (shared by every process), in memory
otherwise; SKILLWISE_RATELIMIT_ENABLED=false turns the limits off for local load tests.
Callers are told apart by `request.remote_addr`: behind a proxy, deploy with ProxyFix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from skillwise.settings import Settings

TOO_MANY = "Too many attempts; wait a minute and try again."


def email_in_body() -> str:
    """The email of a JSON body, lower-cased, so one account cannot be guessed at from many
    addresses; empty when there is none."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str) or not email.strip():
        return ""
    return "email:" + email.strip().lower()


@dataclass(frozen=True)
class EndpointLimit:
    rate: str
    key: Callable[[], str]


def per_address(rate: str) -> EndpointLimit:
    return EndpointLimit(rate, get_remote_address)


def per_email(rate: str) -> EndpointLimit:
    return EndpointLimit(rate, email_in_body)


LIMITS: dict[str, list[EndpointLimit]] = {
    "auth.Login": [per_address("10/minute"), per_email("10/minute")],
    "auth.Register": [per_address("5/minute")],
    "auth.PasswordReset": [per_address("5/minute")],
    "auth.ResendVerification": [per_address("5/minute")],
}


def configure_rate_limits(app: Flask, settings: Settings) -> Limiter | None:
    """Wrap the limited views; call after every blueprint is registered."""
    if not settings.ratelimit_enabled:
        return None
    limiter = Limiter(
        key_func=get_remote_address,
        storage_uri=settings.redis_url or "memory://",
        storage_options=(
            {"key_prefix": f"{settings.redis_prefix}ratelimit"} if settings.redis_url else {}
        ),
        headers_enabled=True,
        # A Redis outage must not lock everybody out of signing in.
        in_memory_fallback_enabled=bool(settings.redis_url),
    )
    limiter.init_app(app)
    for endpoint, limits in LIMITS.items():
        view = app.view_functions[endpoint]
        for limit in limits:
            view = limiter.limit(
                limit.rate,
                key_func=limit.key,
                exempt_when=lambda key=limit.key: not key(),
                error_message=TOO_MANY,
            )(view)
        app.view_functions[endpoint] = view
    return limiter
