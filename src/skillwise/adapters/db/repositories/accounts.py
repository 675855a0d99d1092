"""One-time tokens and refresh tokens <-> their tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.accounts import one_time_tokens, refresh_tokens
from skillwise.application.accounts.ports import OneTimeTokenRepository, RefreshTokenRepository
from skillwise.domain.accounts import OneTimeToken, RefreshToken, TokenPurpose


def _one_time_token_from_row(row: Any) -> OneTimeToken:
    return OneTimeToken(
        id=row.id,
        user_id=row.user_id,
        purpose=TokenPurpose(row.purpose),
        token_hash=row.token_hash,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
    )


class SqlOneTimeTokenRepository(SqlRepository, implements=OneTimeTokenRepository):
    def add(self, token: OneTimeToken) -> None:
        self._session.execute(
            insert(one_time_tokens).values(
                id=token.id,
                user_id=token.user_id,
                purpose=token.purpose.value,
                token_hash=token.token_hash,
                created_at=token.created_at,
                expires_at=token.expires_at,
                used_at=token.used_at,
            )
        )

    def get_by_hash(self, token_hash: str, purpose: TokenPurpose) -> OneTimeToken | None:
        row = self._session.execute(
            select(one_time_tokens).where(
                one_time_tokens.c.token_hash == token_hash,
                one_time_tokens.c.purpose == purpose.value,
            )
        ).first()
        return _one_time_token_from_row(row) if row else None

    def mark_used(self, token_id: UUID, at: datetime) -> bool:
        result = self._session.execute(
            update(one_time_tokens)
            .where(one_time_tokens.c.id == token_id, one_time_tokens.c.used_at.is_(None))
            .values(used_at=at)
        )
        return result.rowcount == 1

    def delete_expired(self, before: datetime) -> int:
        result = self._session.execute(
            delete(one_time_tokens).where(one_time_tokens.c.expires_at < before)
        )
        return result.rowcount

    def discard_unused(self, user_id: UUID, purpose: TokenPurpose) -> None:
        self._session.execute(
            delete(one_time_tokens).where(
                one_time_tokens.c.user_id == user_id,
                one_time_tokens.c.purpose == purpose.value,
                one_time_tokens.c.used_at.is_(None),
            )
        )


def _refresh_token_from_row(row: Any) -> RefreshToken:
    return RefreshToken(
        jti=row.jti,
        user_id=row.user_id,
        family_id=row.family_id,
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
        revoked_at=row.revoked_at,
    )


class SqlRefreshTokenRepository(SqlRepository, implements=RefreshTokenRepository):
    def add(self, token: RefreshToken) -> None:
        self._session.execute(
            insert(refresh_tokens).values(
                jti=token.jti,
                user_id=token.user_id,
                family_id=token.family_id,
                issued_at=token.issued_at,
                expires_at=token.expires_at,
                used_at=token.used_at,
                revoked_at=token.revoked_at,
            )
        )

    def get(self, jti: str) -> RefreshToken | None:
        row = self._session.execute(
            select(refresh_tokens).where(refresh_tokens.c.jti == jti)
        ).first()
        return _refresh_token_from_row(row) if row else None

    def mark_used(self, jti: str, at: datetime) -> bool:
        # One conditional UPDATE: on PostgreSQL a concurrent refresh with the same token waits
        # for this row lock, then finds used_at set and updates nothing.
        result = self._session.execute(
            update(refresh_tokens)
            .where(
                refresh_tokens.c.jti == jti,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
            )
            .values(used_at=at)
        )
        return result.rowcount == 1

    def revoke_family(self, family_id: UUID, at: datetime) -> None:
        self._session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def revoke_all_of(self, user_id: UUID, at: datetime) -> None:
        self._session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.user_id == user_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    def delete_expired(self, before: datetime) -> int:
        result = self._session.execute(
            delete(refresh_tokens).where(refresh_tokens.c.expires_at < before)
        )
        return result.rowcount
