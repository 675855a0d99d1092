"""RemoveFromWishlist: forget a wished-for course."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.wishlist import NotInWishlist


class RemoveFromWishlist:
    """Removes the course from the caller's wishlist; NotInWishlist when it is not there."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, course_id: UUID) -> None:
        with self._uow as uow:
            if not uow.wishlist.remove(actor.user_id, course_id):
                raise NotInWishlist()
            uow.commit()
