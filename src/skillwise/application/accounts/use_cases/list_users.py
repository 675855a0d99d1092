"""ListUsers: the admin's paginated, filtered list of accounts."""

from __future__ import annotations

from skillwise.application.accounts.users import UserQuery
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.users import User


class ListUsers:
    """Newest accounts first, filtered by role, activity and a search over email and name."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, query: UserQuery, page: PageRequest) -> Page[User]:
        actor.ensure_is_admin("manage user accounts")
        with self._uow as uow:
            return uow.users.search(query, page)
