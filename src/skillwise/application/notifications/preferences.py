"""What a user wants to be told, on which channel: the read model of their choices."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.domain.notifications import PREFERENCE_KINDS, SECURITY_EMAIL_KINDS, Channel


@dataclass(frozen=True, slots=True)
class NotificationPreferences:
    """channel -> kind -> enabled, for every kind on every channel; security emails are
    listed too, always on."""

    by_channel: dict[Channel, dict[str, bool]]


def preferences_from(choices: dict[tuple[str, Channel], bool]) -> NotificationPreferences:
    """Every kind is on until the user turned it off."""
    by_channel = {
        channel: {kind: choices.get((kind, channel), True) for kind in PREFERENCE_KINDS}
        for channel in Channel
    }
    by_channel[Channel.EMAIL] |= dict.fromkeys(sorted(SECURITY_EMAIL_KINDS), True)
    return NotificationPreferences(by_channel=by_channel)
