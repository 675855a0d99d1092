"""What several account use cases share: mailed one-time links and session issuing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.application.accounts.ports import TokenIssuer
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.email import queue_email
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.accounts import OneTimeToken, RefreshToken, TokenPurpose
from skillwise.domain.users import User


def mail_verification_link(uow: UnitOfWork, clock: Clock, public_url: str, user: User) -> None:
    """Replace any unspent verification link of the user with a fresh one, and mail it."""
    link = _fresh_link(uow, clock, public_url, user, TokenPurpose.VERIFY_EMAIL)
    queue_email(
        uow,
        clock,
        to=user.email.value,
        subject="Confirm your SkillWise email address",
        text=(
            f"Hello {user.full_name},\n\n"
            f"Confirm your email address to buy courses on SkillWise:\n{link}\n\n"
            "The link works once and expires in 48 hours. If you did not sign up, ignore this "
            "message."
        ),
    )


def mail_password_reset_link(uow: UnitOfWork, clock: Clock, public_url: str, user: User) -> None:
    """Replace any unspent reset link of the user with a fresh one, and mail it."""
    link = _fresh_link(uow, clock, public_url, user, TokenPurpose.RESET_PASSWORD)
    queue_email(
        uow,
        clock,
        to=user.email.value,
        subject="Reset your SkillWise password",
        text=(
            f"Hello {user.full_name},\n\n"
            f"Choose a new password here:\n{link}\n\n"
            "The link works once and expires in 1 hour. If you did not ask for it, ignore this "
            "message: your password stays as it is."
        ),
    )


def _fresh_link(
    uow: UnitOfWork, clock: Clock, public_url: str, user: User, purpose: TokenPurpose
) -> str:
    uow.one_time_tokens.discard_unused(user.id, purpose)
    token, value = OneTimeToken.issue(user.id, purpose, clock.now())
    uow.one_time_tokens.add(token)
    page = "verify-email" if purpose is TokenPurpose.VERIFY_EMAIL else "reset-password"
    return f"{public_url.rstrip('/')}/{page}?token={value}"


@dataclass(frozen=True, slots=True)
class IssuedSession:
    access: str
    refresh: str
    user: User


def start_session(
    uow: UnitOfWork, tokens: TokenIssuer, user: User, now: datetime, family_id: UUID | None = None
) -> IssuedSession:
    """Issue an access token and a refresh token, recording the refresh token in its family
    (a new family for a login, the old one for a rotation)."""
    family_id = family_id or uuid4()
    access = tokens.access_token(user, now, family_id)
    refresh = tokens.refresh_token(user.id, now)
    uow.refresh_tokens.add(
        RefreshToken(
            jti=refresh.jti,
            user_id=user.id,
            family_id=family_id,
            issued_at=now,
            expires_at=refresh.expires_at,
        )
    )
    return IssuedSession(access=access.token, refresh=refresh.token, user=user)
