"""ConfirmPasswordReset: set a new password with a mailed reset link."""

from __future__ import annotations

from skillwise.application.accounts.ports import PasswordHasher, TokenBlocklist
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.email import queue_email
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.accounts import TokenPurpose, hash_token, token_already_used, unknown_token
from skillwise.domain.passwords import require_strong_password
from skillwise.domain.users import User


class ConfirmPasswordReset:
    """The link works once and for an hour. Every session of the user ends: refresh tokens are
    revoked and access tokens issued before now are refused. A mail confirms the change."""

    def __init__(
        self,
        uow: UnitOfWork,
        hasher: PasswordHasher,
        blocklist: TokenBlocklist,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._blocklist = blocklist
        self._clock = clock

    def __call__(self, *, token: str, new_password: str) -> User:
        now = self._clock.now()
        with self._uow as uow:
            record = uow.one_time_tokens.get_by_hash(hash_token(token), TokenPurpose.RESET_PASSWORD)
            if record is None:
                raise unknown_token()
            record.require_redeemable(now)
            user = uow.users.get(record.user_id)
            if user is None or not user.is_active:
                raise unknown_token()
        # Checked before the token is spent, so a weak choice does not burn the link; hashed
        # outside the transaction, which must not wait on argon2.
        require_strong_password(new_password, user.email)
        password_hash = self._hasher.hash(new_password)
        with self._uow as uow:
            if not uow.one_time_tokens.mark_used(record.id, now):
                raise token_already_used()
            user = uow.users.get(record.user_id)
            if user is None or not user.is_active:
                raise unknown_token()
            user.password_hash = password_hash
            uow.users.save(user)
            uow.refresh_tokens.revoke_all_of(user.id, now)
            queue_email(
                uow,
                self._clock,
                to=user.email.value,
                subject="Your SkillWise password was changed",
                text=(
                    f"Hello {user.full_name},\n\n"
                    "Your password was just changed and every device was signed out. If this "
                    "was not you, reset your password again right away and contact support."
                ),
            )
            uow.commit()
        self._blocklist.revoke_tokens_of(user.id, issued_before=now)
        return user
