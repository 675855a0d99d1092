"""Rate limits (flask-limiter) on the endpoints worth hammering: sign-in, sign-up, reset.

Counters live in Redis when SKILLWISE_REDIS_URL is set (shared by every process), in memory
otherwise; SKILLWISE_RATELIMIT_ENABLED=false turns the limits off for local load tests.
Callers are told apart by `request.remote_addr`, which is the real client's address behind
SKILLWISE_TRUSTED_PROXIES proxies (see proxies.py). Each rate is a setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse_many

from skillwise.adapters.redis_client import CONNECT_TIMEOUT_SECONDS, SOCKET_TIMEOUT_SECONDS
from skillwise.settings import ConfigurationError, Settings

TOO_MANY = "Too many attempts; wait a minute and try again."


def email_in_body() -> str:
    """The email of a JSON body, lower-cased, so one account cannot be guessed at from many
    addresses; empty when there is none."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str) or not email.strip():
        return ""
    return "email:" + email.strip().lower()


def email_domain_in_body() -> str:
    """The domain of a JSON body's email: accounts made in bulk on one catch-all domain
    come from many addresses."""
    email = email_in_body()
    return "domain:" + email.rpartition("@")[2] if "@" in email else ""


@dataclass(frozen=True)
class EndpointLimit:
    setting: str
    key: Callable[[], str]

    def rate(self, settings: Settings) -> str:
        rate = getattr(settings, self.setting)
        try:
            parse_many(rate)
        except ValueError as error:
            raise ConfigurationError(
                f"SKILLWISE_{self.setting.upper()} is not a rate such as '10/minute' "
                f"or '30/minute;300/hour': {rate!r}"
            ) from error
        return rate


def per_address(setting: str) -> EndpointLimit:
    return EndpointLimit(setting, get_remote_address)


def per_email(setting: str) -> EndpointLimit:
    return EndpointLimit(setting, email_in_body)


def per_email_domain(setting: str) -> EndpointLimit:
    return EndpointLimit(setting, email_domain_in_body)


LIMITS: dict[str, list[EndpointLimit]] = {
    "auth.Login": [per_address("ratelimit_login"), per_email("ratelimit_login")],
    "auth.Register": [
        per_address("ratelimit_signup"),
        per_email_domain("ratelimit_signup_domain"),
    ],
    "auth.PasswordReset": [per_address("ratelimit_password_reset")],
    "auth.ResendVerification": [per_address("ratelimit_resend_verification")],
}


def configure_rate_limits(app: Flask, settings: Settings) -> Limiter | None:
    """Wrap the limited views; call after every blueprint is registered."""
    if not settings.ratelimit_enabled:
        return None
    limiter = Limiter(
        key_func=get_remote_address,
        storage_uri=settings.redis_url or "memory://",
        storage_options=(
            {
                "key_prefix": f"{settings.redis_prefix}ratelimit",
                "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
                "socket_timeout": SOCKET_TIMEOUT_SECONDS,
            }
            if settings.redis_url
            else {}
        ),
        headers_enabled=True,
        # A Redis outage must not lock everybody out of signing in: the limits open, and each
        # request it lets through is logged.
        swallow_errors=True,
    )
    limiter.init_app(app)
    for endpoint, limits in LIMITS.items():
        view = app.view_functions[endpoint]
        for limit in limits:
            view = limiter.limit(
                limit.rate(settings),
                key_func=limit.key,
                exempt_when=lambda key=limit.key: not key(),
                error_message=TOO_MANY,
            )(view)
        app.view_functions[endpoint] = view
    return limiter
