"""The access token blocklist in the database, for deployments without Redis.

It runs its own short transactions beside the unit of work, so callers use it outside a
`with uow:` block (SQLite would otherwise wait on its own write lock).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from skillwise.adapters.db.tables.accounts import token_blocklist
from skillwise.application.shared.clock import Clock


class DatabaseTokenBlocklist:
    def __init__(self, engine: Engine, clock: Clock, access_lifetime: timedelta) -> None:
        self._engine = engine
        self._clock = clock
        self._access_lifetime = access_lifetime

    def _upsert(self, key: str, revoked_before: datetime | None, expires_at: datetime) -> None:
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        statement: Any = dialect.insert(token_blocklist).values(
            key=key, revoked_before=revoked_before, expires_at=expires_at
        )
        statement = statement.on_conflict_do_update(
            index_elements=[token_blocklist.c.key],
            set_={"revoked_before": revoked_before, "expires_at": expires_at},
        )
        with self._engine.begin() as connection:
            connection.execute(statement)
            # Rows past their expiry guard nothing any more.
            connection.execute(
                delete(token_blocklist).where(token_blocklist.c.expires_at < self._clock.now())
            )

    def revoke_token(self, jti: str, expires_at: datetime) -> None:
        self._upsert(f"jti:{jti}", None, expires_at)

    def revoke_tokens_of(self, user_id: UUID, issued_before: datetime) -> None:
        self._upsert(f"user:{user_id}", issued_before, issued_before + self._access_lifetime)

    def is_revoked(self, jti: str, user_id: UUID, issued_at: datetime) -> bool:
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(token_blocklist.c.key, token_blocklist.c.revoked_before).where(
                    token_blocklist.c.key.in_([f"jti:{jti}", f"user:{user_id}"])
                )
            ).all()
        for row in rows:
            if row.key.startswith("jti:"):
                return True
            if issued_at < row.revoked_before:
                return True
        return False
