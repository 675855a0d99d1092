"""Persistence of user accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.users import User


@dataclass(frozen=True, slots=True)
class UserQuery:
    """Filters of the admin user list; `search` matches email or name, case-insensitively."""

    role: Role | None = None
    is_active: bool | None = None
    search: str | None = None


class UserRepository(Protocol):
    def add(self, user: User) -> None: ...

    def add_unless_email_taken(self, user: User) -> None:
        """Insert a new account; raise Conflict when another holds the email (emails are stored
        lower-cased, so the database's unique constraint compares them case-insensitively)."""
        ...

    def get(self, user_id: UUID) -> User | None: ...

    def get_by_email(self, email: Email) -> User | None: ...

    def save(self, user: User) -> None: ...

    def search(self, query: UserQuery, page: PageRequest) -> Page[User]:
        """Newest first; one count query and one page query."""
        ...
