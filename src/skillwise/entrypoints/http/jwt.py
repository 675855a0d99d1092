"""flask-jwt-extended set-up: token lifetimes, the blocklist, and every token error as a 401.

Every request that presents an access token asks the blocklist (a process-local copy that
Redis invalidates, one Redis round trip, or one indexed query) whether that token was revoked:
by its `jti` (logout), by its family `fam` (a reused refresh token, or logout, ended the login
it descends from), or because the account was deactivated, deleted, changed role or reset its
password after the token was issued (a per-user "revoked before" instant). So such tokens stop
working at once, everywhere.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from dependency_injector.wiring import Provide, inject
from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from flask_jwt_extended import JWTManager

from skillwise.application.accounts.ports import TokenBlocklist
from skillwise.containers import Container
from skillwise.entrypoints.http.errors import error_body
from skillwise.settings import Settings

# Each entry is a token and its claims, a few hundred bytes; a process sees far fewer live
# tokens than this between restarts, and forgetting them all only costs a verification each.
VERIFIED_TOKENS_KEPT = 4096


class RememberingJWTManager(JWTManager):
    """Verifies each access token's signature once per process, not on every request.

    flask-jwt-extended decodes a token twice per request (its claims unverified, to pick the
    key, then verified) and reads its header a third time. A token whose signature was
    verified here is the same string next time, so its claims are remembered, and checked
    again only for expiry, which is the one thing about them that time changes. The blocklist
    is still asked on every request, after this: a revoked token fails as it did.
    """

    def __init__(self, app: Flask) -> None:
        self._verified: dict[str, dict[str, Any]] = {}
        super().__init__(app)

    def _decode_jwt_from_config(
        self, encoded_token: str, csrf_value: Any = None, allow_expired: bool = False
    ) -> dict:
        plain = csrf_value is None and not allow_expired
        if plain:
            claims = self._verified.get(encoded_token)
            # PyJWT refuses a token once `exp <= now - leeway`; the leeway here is zero.
            if claims is not None and claims["exp"] > time.time():
                return dict(claims)
        claims = super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        if plain and isinstance(claims.get("exp"), int | float):
            if len(self._verified) >= VERIFIED_TOKENS_KEPT:
                self._verified.clear()
            self._verified[encoded_token] = dict(claims)
        return claims


def _unauthorized(message: str, error: str) -> ResponseReturnValue:
    return jsonify(error_body(401, message, error=error)), 401


def configure_jwt(app: Flask, settings: Settings) -> JWTManager:
    app.config.update(
        JWT_SECRET_KEY=settings.secret_key,
        JWT_ALGORITHM="HS256",
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=settings.access_token_minutes),
        JWT_REFRESH_TOKEN_EXPIRES=timedelta(days=settings.refresh_token_days),
        JWT_TOKEN_LOCATION=["headers"],
        JWT_ERROR_MESSAGE_KEY="message",
        # RememberingJWTManager's expiry check is exact only with no leeway.
        JWT_DECODE_LEEWAY=0,
    )
    jwt = RememberingJWTManager(app)

    @jwt.unauthorized_loader
    def _missing(reason: str) -> ResponseReturnValue:
        return _unauthorized(f"Authentication required: {reason}.", "authentication_required")

    @jwt.invalid_token_loader
    def _invalid(reason: str) -> ResponseReturnValue:
        return _unauthorized(f"The token is not valid: {reason}.", "invalid_token")

    @jwt.expired_token_loader
    def _expired(_header: dict[str, Any], _payload: dict[str, Any]) -> ResponseReturnValue:
        return _unauthorized("The token has expired.", "token_expired")

    @jwt.revoked_token_loader
    def _revoked(_header: dict[str, Any], _payload: dict[str, Any]) -> ResponseReturnValue:
        return _unauthorized("The token has been revoked.", "token_revoked")

    @jwt.user_lookup_error_loader
    def _unknown_user(_header: dict[str, Any], _payload: dict[str, Any]) -> ResponseReturnValue:
        return _unauthorized("The account behind this token is gone.", "invalid_token")

    @jwt.token_in_blocklist_loader
    def _in_blocklist(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
        return token_is_revoked(payload)

    return jwt


@inject
def token_is_revoked(
    payload: dict[str, Any], blocklist: TokenBlocklist = Provide[Container.accounts.token_blocklist]
) -> bool:
    try:
        user_id = UUID(payload["sub"])
        issued_at = datetime.fromtimestamp(float(payload["iat"]), UTC)
        jti = str(payload["jti"])
        # Tokens issued before families were claimed carry none; they expire within minutes.
        family_id = UUID(payload["fam"]) if "fam" in payload else None
    except (KeyError, TypeError, ValueError):
        return True
    return blocklist.is_revoked(jti, user_id, issued_at, family_id)
