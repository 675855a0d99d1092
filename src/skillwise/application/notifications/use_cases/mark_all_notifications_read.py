"""MarkAllNotificationsRead: the caller clears their unread notifications at once."""

from __future__ import annotations

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class MarkAllNotificationsRead:
    """Returns how many notifications were unread until now."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor) -> int:
        with self._uow as uow:
            changed = uow.notifications.mark_all_read(actor.user_id, self._clock.now())
            uow.commit()
        return changed
