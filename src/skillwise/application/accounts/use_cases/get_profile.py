"""GetProfile: the caller's own account."""

from __future__ import annotations

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import AccountNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.users import User


class GetProfile:
    """Reads the signed-in user's account."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor) -> User:
        with self._uow as uow:
            user = uow.users.get(actor.user_id)
        if user is None or not user.is_active:
            raise AccountNotFound()
        return user
