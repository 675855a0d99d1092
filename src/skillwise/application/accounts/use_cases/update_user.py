"""UpdateUser: an admin changes an account's profile, role, activity or verification."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.accounts.ports import TokenBlocklist
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import UserNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.users import AdminChanges, User


class UpdateUser:
    """Promotes and demotes (to admin too), deactivates and reactivates.

    A new role or a deactivation ends the user's current access tokens, which carry the old
    role; a deactivation also revokes their refresh tokens.
    """

    def __init__(self, uow: UnitOfWork, blocklist: TokenBlocklist, clock: Clock) -> None:
        self._uow = uow
        self._blocklist = blocklist
        self._clock = clock

    def __call__(self, actor: Actor, user_id: UUID, changes: AdminChanges) -> User:
        actor.ensure_is_admin("manage user accounts")
        now = self._clock.now()
        with self._uow as uow:
            user = uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            role_before, active_before = user.role, user.is_active
            user.apply_admin_changes(changes, by=actor)
            uow.users.save(user)
            if active_before and not user.is_active:
                uow.refresh_tokens.revoke_all_of(user.id, now)
            uow.commit()
        if user.role != role_before or (active_before and not user.is_active):
            self._blocklist.revoke_tokens_of(user.id, issued_before=now)
        return user
