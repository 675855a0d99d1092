"""GetNotificationPreferences: what the caller is told, by email and by push."""

from __future__ import annotations

from skillwise.application.notifications.preferences import (
    NotificationPreferences,
    preferences_from,
)
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class GetNotificationPreferences:
    """Every kind on both channels, on unless the caller turned it off."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor) -> NotificationPreferences:
        with self._uow as uow:
            return preferences_from(uow.notification_preferences.choices_of(actor.user_id))
