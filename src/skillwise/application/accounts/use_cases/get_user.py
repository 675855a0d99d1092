"""GetUser: an admin reads any account."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound, PermissionDenied
from skillwise.domain.identity import Actor
from skillwise.domain.users import User


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDenied("Only admins manage user accounts.", code="admin_only")


def user_not_found() -> NotFound:
    return NotFound("There is no such user.", code="user_not_found")


class GetUser:
    """Any account, deactivated ones included, for admins only."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, user_id: UUID) -> User:
        require_admin(actor)
        with self._uow as uow:
            user = uow.users.get(user_id)
        if user is None:
            raise user_not_found()
        return user
