"""Tokens of the accounts subject: one-time links sent by email, and refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.errors import DomainValidationError, InvalidCredentials

EMAIL_VERIFICATION_LIFETIME = timedelta(hours=48)
PASSWORD_RESET_LIFETIME = timedelta(hours=1)


class TokenPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"


LIFETIMES = {
    TokenPurpose.VERIFY_EMAIL: EMAIL_VERIFICATION_LIFETIME,
    TokenPurpose.RESET_PASSWORD: PASSWORD_RESET_LIFETIME,
}


def hash_token(value: str) -> str:
    """Only this digest is stored: a database leak does not hand out working links."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(eq=False)
class OneTimeToken:
    """A single-use, expiring secret mailed to the user (the value itself is never stored)."""

    user_id: UUID
    purpose: TokenPurpose
    token_hash: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @classmethod
    def issue(cls, user_id: UUID, purpose: TokenPurpose, now: datetime) -> tuple[OneTimeToken, str]:
        """A new token and the secret value to mail; only its hash is kept."""
        value = secrets.token_urlsafe(32)
        token = cls(
            user_id=user_id,
            purpose=purpose,
            token_hash=hash_token(value),
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
        return token, value

    def require_redeemable(self, now: datetime) -> None:
        if self.used_at is not None:
            raise token_already_used()
        if now >= self.expires_at:
            raise DomainValidationError(
                "This link has expired; ask for a new one.", code="token_expired"
            )


def unknown_token() -> DomainValidationError:
    return DomainValidationError(
        "This link is not valid; it may have been replaced by a newer one.", code="invalid_token"
    )


def token_already_used() -> DomainValidationError:
    return DomainValidationError("This link has already been used.", code="token_used")


@dataclass(eq=False)
class RefreshToken:
    """One refresh token; every token rotated from one login shares its `family_id`."""

    jti: str
    user_id: UUID
    family_id: UUID
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    def require_fresh(self, now: datetime) -> None:
        """Refuse a revoked or expired token (a spent one is the caller's reuse case)."""
        if self.revoked_at is not None:
            raise InvalidCredentials("This session has ended; sign in again.", code="token_revoked")
        if now >= self.expires_at:
            raise InvalidCredentials(
                "This session has expired; sign in again.", code="token_expired"
            )

    @property
    def is_spent(self) -> bool:
        return self.used_at is not None
