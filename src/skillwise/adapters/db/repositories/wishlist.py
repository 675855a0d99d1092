"""Wishlist items table <-> WishlistItem entity."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import delete, exists, select

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import enrollments
from skillwise.adapters.db.tables.wishlist import wishlist_items
from skillwise.application.wishlist.ports import WishlistRepository
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.wishlist import WishlistItem


class SqlWishlistRepository(SqlRepository, implements=WishlistRepository):
    def add(self, item: WishlistItem) -> bool:
        return insert_unless_exists(
            self._session,
            wishlist_items,
            {
                "id": item.id,
                "user_id": item.user_id,
                "course_id": item.course_id,
                "added_at": item.added_at,
            },
            unique=("user_id", "course_id"),
        )

    def remove(self, user_id: UUID, course_id: UUID) -> bool:
        result = self._session.execute(
            delete(wishlist_items).where(
                wishlist_items.c.user_id == user_id, wishlist_items.c.course_id == course_id
            )
        )
        return result.rowcount > 0

    def wishers_to_tell(self, course_id: UUID) -> list[UUID]:
        holds_access = exists().where(
            enrollments.c.user_id == wishlist_items.c.user_id,
            enrollments.c.course_id == wishlist_items.c.course_id,
            enrollments.c.status != EnrollmentStatus.REFUNDED.value,
        )
        return list(
            self._session.execute(
                select(wishlist_items.c.user_id)
                .where(wishlist_items.c.course_id == course_id, ~holds_access)
                .order_by(wishlist_items.c.added_at, wishlist_items.c.id)
            ).scalars()
        )

    def wished_course_ids(self) -> list[UUID]:
        return list(
            self._session.execute(
                select(wishlist_items.c.course_id).distinct().order_by(wishlist_items.c.course_id)
            ).scalars()
        )
