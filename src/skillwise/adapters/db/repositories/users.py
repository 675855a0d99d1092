"""Users table <-> User entity."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import users
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.users import User


def user_from_row(row: Any) -> User:
    return User(
        id=row.id,
        email=Email(row.email),
        full_name=row.full_name,
        password_hash=row.password_hash,
        role=Role(row.role),
        email_verified=row.email_verified,
        is_active=row.is_active,
        bio=row.bio,
        avatar_url=row.avatar_url,
        date_joined=row.date_joined,
    )


def _values(user: User) -> dict[str, Any]:
    return {
        "email": user.email.value,
        "full_name": user.full_name,
        "password_hash": user.password_hash,
        "role": user.role.value,
        "email_verified": user.email_verified,
        "is_active": user.is_active,
        "bio": user.bio,
        "avatar_url": user.avatar_url,
        "date_joined": user.date_joined,
    }


class SqlUserRepository(SqlRepository):
    def add(self, user: User) -> None:
        self._session.execute(insert(users).values(id=user.id, **_values(user)))

    def get(self, user_id: UUID) -> User | None:
        row = self._session.execute(select(users).where(users.c.id == user_id)).first()
        return user_from_row(row) if row else None

    def get_by_email(self, email: Email) -> User | None:
        row = self._session.execute(select(users).where(users.c.email == email.value)).first()
        return user_from_row(row) if row else None

    def save(self, user: User) -> None:
        self._session.execute(update(users).where(users.c.id == user.id).values(**_values(user)))
