"""Fakes of the accounts ports: token repositories, a cheap hasher, a token issuer, a blocklist."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from skillwise.application.accounts.ports import (
    IssuedToken,
    OneTimeTokenRepository,
    RefreshClaims,
    RefreshTokenRepository,
)
from skillwise.domain.accounts import OneTimeToken, RefreshToken, TokenPurpose
from skillwise.domain.errors import InvalidCredentials
from skillwise.domain.users import User
from tests.fakes.base import FakeRepository


class FakeOneTimeTokenRepository(FakeRepository, implements=OneTimeTokenRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, OneTimeToken] = {}

    def add(self, token: OneTimeToken) -> None:
        self.rows[token.id] = token

    def get_by_hash(self, token_hash: str, purpose: TokenPurpose) -> OneTimeToken | None:
        return next(
            (t for t in self.rows.values() if t.token_hash == token_hash and t.purpose is purpose),
            None,
        )

    def mark_used(self, token_id: UUID, at: datetime) -> bool:
        token = self.rows.get(token_id)
        if token is None or token.used_at is not None:
            return False
        token.used_at = at
        return True

    def discard_unused(self, user_id: UUID, purpose: TokenPurpose) -> None:
        self.rows = {
            key: t
            for key, t in self.rows.items()
            if not (t.user_id == user_id and t.purpose is purpose and t.used_at is None)
        }

    def delete_expired(self, before: datetime) -> int:
        expired = [key for key, t in self.rows.items() if t.expires_at < before]
        for key in expired:
            del self.rows[key]
        return len(expired)

    def of(self, user_id: UUID, purpose: TokenPurpose) -> list[OneTimeToken]:
        return [t for t in self.rows.values() if t.user_id == user_id and t.purpose is purpose]


class FakeRefreshTokenRepository(FakeRepository, implements=RefreshTokenRepository):
    def __init__(self) -> None:
        self.rows: dict[str, RefreshToken] = {}

    def add(self, token: RefreshToken) -> None:
        self.rows[token.jti] = token

    def get(self, jti: str) -> RefreshToken | None:
        return self.rows.get(jti)

    def mark_used(self, jti: str, at: datetime) -> bool:
        token = self.rows.get(jti)
        if token is None or token.used_at is not None or token.revoked_at is not None:
            return False
        token.used_at = at
        return True

    def revoke_family(self, family_id: UUID, at: datetime) -> None:
        for token in self.rows.values():
            if token.family_id == family_id and token.revoked_at is None:
                token.revoked_at = at

    def revoke_all_of(self, user_id: UUID, at: datetime) -> None:
        for token in self.rows.values():
            if token.user_id == user_id and token.revoked_at is None:
                token.revoked_at = at

    def delete_expired(self, before: datetime) -> int:
        expired = [jti for jti, t in self.rows.items() if t.expires_at < before]
        for jti in expired:
            del self.rows[jti]
        return len(expired)

    def of(self, user_id: UUID) -> list[RefreshToken]:
        return [t for t in self.rows.values() if t.user_id == user_id]


class FakePasswordHasher:
    """Reversible on purpose: a use-case test reads what was hashed, and it costs nothing."""

    dummy_hash = "fake$dummy"

    def __init__(self, version: int = 1) -> None:
        self.version = version
        self.verified: list[str] = []

    def hash(self, password: str) -> str:
        return f"fake{self.version}${password}"

    def verify(self, password_hash: str, password: str) -> bool:
        self.verified.append(password_hash)
        scheme, _, stored = password_hash.partition("$")
        return scheme.removeprefix("fake").isdigit() and stored == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"fake{self.version}$")


@dataclass(frozen=True)
class DecodedToken:
    kind: str
    user_id: UUID
    role: str | None
    issued_at: datetime
    expires_at: datetime


class FakeTokenIssuer:
    """Tokens are opaque names looked up in a dict: enough to tell access from refresh."""

    def __init__(
        self,
        access_lifetime: timedelta = timedelta(minutes=15),
        refresh_lifetime: timedelta = timedelta(days=30),
    ) -> None:
        self.access_lifetime = access_lifetime
        self.refresh_lifetime = refresh_lifetime
        self.issued: dict[str, DecodedToken] = {}
        self.families: dict[str, UUID] = {}
        self._counter = itertools.count(1)

    def _issue(
        self, kind: str, user_id: UUID, role: str | None, now: datetime, life: timedelta
    ) -> IssuedToken:
        jti = f"{kind}-{next(self._counter)}"
        self.issued[jti] = DecodedToken(kind, user_id, role, now, now + life)
        return IssuedToken(token=jti, jti=jti, expires_at=now + life)

    def access_token(self, user: User, now: datetime, family_id: UUID) -> IssuedToken:
        issued = self._issue("access", user.id, user.role.value, now, self.access_lifetime)
        self.families[issued.jti] = family_id
        return issued

    def refresh_token(self, user_id: UUID, now: datetime) -> IssuedToken:
        return self._issue("refresh", user_id, None, now, self.refresh_lifetime)

    def read_refresh_token(self, token: str) -> RefreshClaims:
        decoded = self.issued.get(token)
        if decoded is None or decoded.kind != "refresh":
            raise InvalidCredentials("The refresh token is not valid.", code="invalid_token")
        return RefreshClaims(jti=token, user_id=decoded.user_id)


class FakeTokenBlocklist:
    def __init__(self) -> None:
        self.revoked_jtis: dict[str, datetime] = {}
        self.revoked_before: dict[UUID, datetime] = {}
        self.revoked_families: set[UUID] = set()

    def revoke_token(self, jti: str, expires_at: datetime) -> None:
        self.revoked_jtis[jti] = expires_at

    def revoke_tokens_of(self, user_id: UUID, issued_before: datetime) -> None:
        self.revoked_before[user_id] = issued_before

    def revoke_family(self, family_id: UUID, at: datetime) -> None:
        self.revoked_families.add(family_id)

    def is_revoked(
        self, jti: str, user_id: UUID, issued_at: datetime, family_id: UUID | None = None
    ) -> bool:
        if jti in self.revoked_jtis or family_id in self.revoked_families:
            return True
        cutoff = self.revoked_before.get(user_id)
        return cutoff is not None and issued_at < cutoff
