"""UpdateNotificationPreferences: turn kinds of notification on or off, per channel."""

from __future__ import annotations

from collections.abc import Mapping

from skillwise.application.notifications.preferences import (
    NotificationPreferences,
    preferences_from,
)
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import DomainValidationError, PreferenceLocked
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import PREFERENCE_KINDS, SECURITY_EMAIL_KINDS, Channel


class UpdateNotificationPreferences:
    """Applies the given choices and leaves the others as they were. Security emails
    (verification, password reset, password changed) cannot be turned off."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self, actor: Actor, changes: Mapping[Channel, Mapping[str, bool]]
    ) -> NotificationPreferences:
        for channel, choices in changes.items():
            for kind, enabled in choices.items():
                _check_adjustable(channel, kind, enabled)
        now = self._clock.now()
        with self._uow as uow:
            for channel, choices in changes.items():
                for kind, enabled in choices.items():
                    if kind in PREFERENCE_KINDS:
                        uow.notification_preferences.choose(
                            actor.user_id, kind, channel, enabled, now
                        )
            choices_now = uow.notification_preferences.choices_of(actor.user_id)
            uow.commit()
        return preferences_from(choices_now)


def _check_adjustable(channel: Channel, kind: str, enabled: bool) -> None:
    if kind in SECURITY_EMAIL_KINDS and channel is Channel.EMAIL:
        if not enabled:
            raise PreferenceLocked(f"{kind} emails keep your account safe and always go out.")
        return
    if kind not in PREFERENCE_KINDS:
        raise DomainValidationError(
            f"There is no {channel} notification of kind {kind!r}.", code="unknown_kind"
        )
