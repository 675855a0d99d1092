"""Users table <-> User entity."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, or_, select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import users
from skillwise.application.accounts.users import UserQuery, UserRepository
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.users import User, email_already_registered


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


class SqlUserRepository(SqlRepository, implements=UserRepository):
    def add(self, user: User) -> None:
        self._session.execute(insert(users).values(id=user.id, **_values(user)))

    def add_unless_email_taken(self, user: User) -> None:
        """The unique constraint settles two sign-ups racing for one address."""
        written = insert_unless_exists(
            self._session, users, {"id": user.id, **_values(user)}, unique=("email",)
        )
        if not written:
            raise email_already_registered()

    def get(self, user_id: UUID) -> User | None:
        row = self._session.execute(select(users).where(users.c.id == user_id)).first()
        return user_from_row(row) if row else None

    def get_by_email(self, email: Email) -> User | None:
        row = self._session.execute(select(users).where(users.c.email == email.value)).first()
        return user_from_row(row) if row else None

    def save(self, user: User) -> None:
        self._session.execute(update(users).where(users.c.id == user.id).values(**_values(user)))

    def search(self, query: UserQuery, page: PageRequest) -> Page[User]:
        conditions = []
        if query.role is not None:
            conditions.append(users.c.role == query.role.value)
        if query.is_active is not None:
            conditions.append(users.c.is_active.is_(query.is_active))
        if query.search:
            term = query.search.strip().lower()
            conditions.append(
                or_(
                    users.c.email.contains(term, autoescape=True),
                    func.lower(users.c.full_name).contains(term, autoescape=True),
                )
            )
        total = self._session.execute(
            select(func.count()).select_from(users).where(*conditions)
        ).scalar_one()
        rows = self._session.execute(
            select(users)
            .where(*conditions)
            .order_by(users.c.date_joined.desc(), users.c.id)
            .limit(page.page_size)
            .offset(page.offset)
        )
        return Page(items=[user_from_row(row) for row in rows], total=total, request=page)
