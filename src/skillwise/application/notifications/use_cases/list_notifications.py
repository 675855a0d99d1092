"""ListNotifications: the caller's in-app notifications and how many are unread."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Notification


@dataclass(frozen=True, slots=True)
class NotificationList:
    page: Page[Notification]
    unread_count: int


class ListNotifications:
    """Newest first, optionally unread only; the unread count covers all of them."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(
        self, actor: Actor, request: PageRequest, *, unread_only: bool = False
    ) -> NotificationList:
        with self._uow as uow:
            return NotificationList(
                page=uow.notifications.page_for(actor.user_id, request, unread_only=unread_only),
                unread_count=uow.notifications.unread_count(actor.user_id),
            )
