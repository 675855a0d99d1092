"""VerifyEmail: redeem the link mailed at sign-up."""

from __future__ import annotations

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.accounts import TokenPurpose, hash_token, token_already_used, unknown_token
from skillwise.domain.users import User


class VerifyEmail:
    """Marks the address verified; the token works once and for 48 hours."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, token: str) -> User:
        now = self._clock.now()
        with self._uow as uow:
            record = uow.one_time_tokens.get_by_hash(hash_token(token), TokenPurpose.VERIFY_EMAIL)
            if record is None:
                raise unknown_token()
            record.require_redeemable(now)
            user = uow.users.get(record.user_id)
            if user is None or not user.is_active:
                raise unknown_token()
            if not uow.one_time_tokens.mark_used(record.id, now):
                raise token_already_used()
            user.email_verified = True
            uow.users.save(user)
            uow.commit()
        return user
