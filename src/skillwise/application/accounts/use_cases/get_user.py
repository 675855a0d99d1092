"""GetUser: an admin reads any account."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import UserNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.users import User


class GetUser:
    """Any account, deactivated ones included, for admins only."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, user_id: UUID) -> User:
        actor.ensure_is_admin("manage user accounts")
        with self._uow as uow:
            user = uow.users.get(user_id)
        if user is None:
            raise UserNotFound()
        return user
