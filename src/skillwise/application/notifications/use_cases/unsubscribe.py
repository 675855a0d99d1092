"""Unsubscribe: the one-click link in an email turns that kind of email off, signed out."""

from __future__ import annotations

from skillwise.application.notifications.unsubscribe import UnsubscribeLinks, UnsubscribeTarget
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.notifications import Channel


class ReadUnsubscribeLink:
    """What a link would turn off, so the page can ask before anything changes (mail
    scanners open links; only the POST of RFC 8058 unsubscribes)."""

    def __init__(self, links: UnsubscribeLinks) -> None:
        self._links = links

    def __call__(self, value: str) -> UnsubscribeTarget:
        return self._links.read(value)


class Unsubscribe:
    """Turns the link's kind of email off for its user; repeating it changes nothing."""

    def __init__(self, uow: UnitOfWork, links: UnsubscribeLinks, clock: Clock) -> None:
        self._uow = uow
        self._links = links
        self._clock = clock

    def __call__(self, value: str) -> UnsubscribeTarget:
        target = self._links.read(value)
        with self._uow as uow:
            uow.notification_preferences.choose(
                target.user_id, target.kind, Channel.EMAIL, False, self._clock.now()
            )
            uow.commit()
        return target
