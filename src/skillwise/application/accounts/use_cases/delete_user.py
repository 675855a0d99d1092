"""DeleteUser: an admin deactivates and anonymises an account."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.accounts.ports import TokenBlocklist
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.accounts import TokenPurpose
from skillwise.domain.errors import DomainValidationError, UserNotFound
from skillwise.domain.identity import Actor


class DeleteUser:
    """The row stays so payments and invoices keep their buyer; its personal data goes, no
    password opens it, and every session of the user ends."""

    def __init__(self, uow: UnitOfWork, blocklist: TokenBlocklist, clock: Clock) -> None:
        self._uow = uow
        self._blocklist = blocklist
        self._clock = clock

    def __call__(self, actor: Actor, user_id: UUID) -> None:
        actor.ensure_is_admin("manage user accounts")
        if actor.user_id == user_id:
            raise DomainValidationError(
                "You cannot delete your own account.", code="cannot_delete_self"
            )
        now = self._clock.now()
        with self._uow as uow:
            user = uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            user.deactivate_and_anonymise()
            uow.users.save(user)
            uow.refresh_tokens.revoke_all_of(user.id, now)
            uow.one_time_tokens.discard_unused(user.id, TokenPurpose.VERIFY_EMAIL)
            uow.one_time_tokens.discard_unused(user.id, TokenPurpose.RESET_PASSWORD)
            uow.commit()
        self._blocklist.revoke_tokens_of(user.id, issued_before=now)
