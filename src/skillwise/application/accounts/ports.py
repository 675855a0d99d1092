"""Ports of the accounts subject: password hashing, one-time and refresh tokens, the blocklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.domain.accounts import OneTimeToken, RefreshToken, TokenPurpose
from skillwise.domain.users import User


class PasswordHasher(Protocol):
    """Turns passwords into slow, salted hashes and checks them."""

    @property
    def dummy_hash(self) -> str:
        """A valid hash of no real password: verifying against it costs what a real check costs,
        so an unknown email answers as slowly as a known one."""
        ...

    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True when the password matches; False for a mismatch or an unusable hash."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with weaker parameters than the current ones."""
        ...


class OneTimeTokenRepository(Protocol):
    """Email verification and password reset tokens, stored by the SHA-256 of their value."""

    def add(self, token: OneTimeToken) -> None: ...

    def get_by_hash(self, token_hash: str, purpose: TokenPurpose) -> OneTimeToken | None: ...

    def mark_used(self, token_id: UUID, at: datetime) -> bool:
        """Spend the token unless it is spent already; True only for the call that spent it."""
        ...

    def delete_expired(self, before: datetime) -> int:
        """Forget tokens that expired before this instant; returns how many."""
        ...

    def discard_unused(self, user_id: UUID, purpose: TokenPurpose) -> None:
        """Forget the user's unspent tokens for this purpose (a fresh one replaces them)."""
        ...


class RefreshTokenRepository(Protocol):
    """Refresh tokens by their JWT id, grouped in families (every token descended from a login)."""

    def add(self, token: RefreshToken) -> None: ...

    def get(self, jti: str) -> RefreshToken | None: ...

    def mark_used(self, jti: str, at: datetime) -> bool:
        """Spend the token unless it is spent or revoked; True only for the call that spent it,
        so two concurrent refreshes with one token yield one success."""
        ...

    def revoke_family(self, family_id: UUID, at: datetime) -> None: ...

    def revoke_all_of(self, user_id: UUID, at: datetime) -> None: ...

    def delete_expired(self, before: datetime) -> int:
        """Forget tokens past their expiry: no one can present them, so no reuse to detect."""
        ...


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    jti: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class RefreshClaims:
    jti: str
    user_id: UUID


class TokenIssuer(Protocol):
    """Signs access and refresh tokens (JWTs) and reads refresh tokens back."""

    def access_token(self, user: User, now: datetime, family_id: UUID) -> IssuedToken:
        """Claims `sub` (the user id) and `role`, the ones every request is authorised by, and
        `fam`, the refresh token family (the login) the token descends from."""
        ...

    def refresh_token(self, user_id: UUID, now: datetime) -> IssuedToken: ...

    def read_refresh_token(self, token: str) -> RefreshClaims:
        """Check the signature and type; raise InvalidCredentials otherwise.

        Expiry is left to the caller, which compares the stored row with its clock.
        """
        ...


class TokenBlocklist(Protocol):
    """Access tokens that stop working before their expiry.

    The database holds every revocation; Redis, when configured, answers the check on every
    authenticated request in one round trip, and the database answers while Redis is down.
    """

    def revoke_token(self, jti: str, expires_at: datetime) -> None:
        """Refuse this token until it expires on its own."""
        ...

    def revoke_tokens_of(self, user_id: UUID, issued_before: datetime) -> None:
        """Refuse every access token of the user issued before this instant."""
        ...

    def revoke_family(self, family_id: UUID, at: datetime) -> None:
        """Refuse every access token descended from this login (refresh token family)."""
        ...

    def is_revoked(
        self, jti: str, user_id: UUID, issued_at: datetime, family_id: UUID | None = None
    ) -> bool: ...
