"""Persistence of user accounts."""

from typing import Protocol
from uuid import UUID

from skillwise.domain.email_address import Email
from skillwise.domain.users import User


class UserRepository(Protocol):
    def add(self, user: User) -> None: ...

    def get(self, user_id: UUID) -> User | None: ...

    def get_by_email(self, email: Email) -> User | None: ...

    def save(self, user: User) -> None: ...
