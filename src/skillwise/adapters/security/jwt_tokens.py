"""Access and refresh tokens as JWTs signed by flask-jwt-extended.

Issuing and reading need the Flask application context (its JWT settings); tokens are only
issued while serving a request. Timestamps come from the injected clock, so the stored refresh
rows and the tokens agree; `iat` keeps sub-second precision so a "revoked before" instant
separates tokens issued in the same second.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID, uuid4

from flask_jwt_extended import create_access_token, create_refresh_token, decode_token
from flask_jwt_extended.exceptions import JWTExtendedException
from jwt import PyJWTError

from skillwise.application.accounts.ports import IssuedToken, RefreshClaims
from skillwise.domain.errors import InvalidCredentials
from skillwise.domain.users import User


def _invalid_refresh_token() -> InvalidCredentials:
    return InvalidCredentials("The refresh token is not valid.", code="invalid_token")


class JwtTokenIssuer:
    def __init__(self, access_lifetime: timedelta, refresh_lifetime: timedelta) -> None:
        self._access_lifetime = access_lifetime
        self._refresh_lifetime = refresh_lifetime

    def access_token(self, user: User, now: datetime, family_id: UUID) -> IssuedToken:
        jti, expires_at = uuid4().hex, now + self._access_lifetime
        token = create_access_token(
            identity=str(user.id),
            additional_claims={
                "role": user.role.value,
                "fam": str(family_id),
                "jti": jti,
                "iat": now.timestamp(),
                "exp": expires_at.timestamp(),
            },
        )
        return IssuedToken(token=token, jti=jti, expires_at=expires_at)

    def refresh_token(self, user_id: UUID, now: datetime) -> IssuedToken:
        jti, expires_at = uuid4().hex, now + self._refresh_lifetime
        token = create_refresh_token(
            identity=str(user_id),
            additional_claims={
                "jti": jti,
                "iat": now.timestamp(),
                "exp": expires_at.timestamp(),
            },
        )
        return IssuedToken(token=token, jti=jti, expires_at=expires_at)

    def read_refresh_token(self, token: str) -> RefreshClaims:
        try:
            claims = decode_token(token, allow_expired=True)
        except (JWTExtendedException, PyJWTError) as error:
            raise _invalid_refresh_token() from error
        if claims.get("type") != "refresh" or not claims.get("jti"):
            raise _invalid_refresh_token()
        try:
            user_id = UUID(claims["sub"])
        except (KeyError, TypeError, ValueError) as error:
            raise _invalid_refresh_token() from error
        return RefreshClaims(jti=claims["jti"], user_id=user_id)
