"""UpdateProfile: the caller changes their name, bio or avatar."""

from __future__ import annotations

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import AccountNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.users import ProfileChanges, User


class UpdateProfile:
    """Only full_name, bio and avatar_url can change here: ProfileChanges has no other field,
    so role, email or verification can never be set through a profile update."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, changes: ProfileChanges) -> User:
        with self._uow as uow:
            user = uow.users.get(actor.user_id)
            if user is None or not user.is_active:
                raise AccountNotFound()
            user.change_profile(changes)
            uow.users.save(user)
            uow.commit()
        return user
