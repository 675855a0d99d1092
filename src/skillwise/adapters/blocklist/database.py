"""The access token blocklist in the database: the record of every revocation.

It runs its own short transactions beside the unit of work, so callers use it outside a
`with uow:` block (SQLite would otherwise wait on its own write lock).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from skillwise.adapters.db.errors import database_errors
from skillwise.adapters.db.tables.accounts import token_blocklist
from skillwise.application.shared.clock import Clock


def token_key(jti: str) -> str:
    return f"jti:{jti}"


def user_key(user_id: UUID) -> str:
    return f"user:{user_id}"


def family_key(family_id: UUID) -> str:
    return f"family:{family_id}"


def keys_for(jti: str, user_id: UUID, family_id: UUID | None) -> list[str]:
    keys = [token_key(jti), user_key(user_id)]
    if family_id is not None:
        keys.append(family_key(family_id))
    return keys


@dataclass(frozen=True, slots=True)
class Revocation:
    """One row: a token, a family, or a user's tokens issued before `revoked_before`."""

    key: str
    revoked_before: datetime | None
    expires_at: datetime

    def refuses(self, issued_at: datetime) -> bool:
        return self.revoked_before is None or issued_at < self.revoked_before


def refused_by(revocations: Iterable[Revocation], issued_at: datetime) -> bool:
    return any(revocation.refuses(issued_at) for revocation in revocations)


class DatabaseTokenBlocklist:
    def __init__(self, engine: Engine, clock: Clock, access_lifetime: timedelta) -> None:
        self._engine = engine
        self._clock = clock
        self._access_lifetime = access_lifetime

    def revocation_for_token(self, jti: str, expires_at: datetime) -> Revocation:
        return Revocation(token_key(jti), None, expires_at)

    def revocation_for_user(self, user_id: UUID, issued_before: datetime) -> Revocation:
        # Every token issued before this instant is dead once the longest lifetime has passed.
        return Revocation(user_key(user_id), issued_before, issued_before + self._access_lifetime)

    def revocation_for_family(self, family_id: UUID, at: datetime) -> Revocation:
        # No token of a revoked family is issued after `at`, so the row outlives them all.
        return Revocation(family_key(family_id), None, at + self._access_lifetime)

    def record(self, revocation: Revocation) -> None:
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        statement: Any = dialect.insert(token_blocklist).values(
            key=revocation.key,
            revoked_before=revocation.revoked_before,
            expires_at=revocation.expires_at,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[token_blocklist.c.key],
            set_={
                "revoked_before": revocation.revoked_before,
                "expires_at": revocation.expires_at,
            },
        )
        with database_errors(), self._engine.begin() as connection:
            connection.execute(statement)
            # Rows past their expiry guard nothing any more.
            connection.execute(
                delete(token_blocklist).where(token_blocklist.c.expires_at < self._clock.now())
            )

    def revoke_token(self, jti: str, expires_at: datetime) -> None:
        self.record(self.revocation_for_token(jti, expires_at))

    def revoke_tokens_of(self, user_id: UUID, issued_before: datetime) -> None:
        self.record(self.revocation_for_user(user_id, issued_before))

    def revoke_family(self, family_id: UUID, at: datetime) -> None:
        self.record(self.revocation_for_family(family_id, at))

    def is_revoked(
        self, jti: str, user_id: UUID, issued_at: datetime, family_id: UUID | None = None
    ) -> bool:
        return refused_by(
            self._rows(token_blocklist.c.key.in_(keys_for(jti, user_id, family_id))), issued_at
        )

    def active(self) -> list[Revocation]:
        """Every revocation that still refuses a live token."""
        return self._rows(token_blocklist.c.expires_at >= self._clock.now())

    def _rows(self, condition: Any) -> list[Revocation]:
        query = select(
            token_blocklist.c.key, token_blocklist.c.revoked_before, token_blocklist.c.expires_at
        ).where(condition)
        with database_errors(), self._engine.connect() as connection:
            return [Revocation(*row) for row in connection.execute(query).all()]
