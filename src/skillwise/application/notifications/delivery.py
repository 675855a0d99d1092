"""Pushes as an outbox topic: one message per notification, sent from the worker.

The message id is derived from the notification's, so a notification can only ever have
one push message; which devices it reached is recorded as it goes, so a retried or
redelivered message sends to the remaining devices only.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from skillwise.application.notifications.push import (
    Delivered,
    PushSender,
    RetryLater,
    TokenInvalid,
    push_for_notification,
)
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.outbox import OutboxMessage
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.notifications import Channel, Notification, preference_kind

PUSH_TOPIC = "push"
_PUSH_MESSAGE_IDS = UUID("6f1d4a52-3b7e-4c1a-9a55-0e2f1c7d8b90")


def push_outbox_message(notification: Notification) -> OutboxMessage:
    """The outbox message that pushes `notification` to its user's devices."""
    return OutboxMessage(
        id=uuid5(_PUSH_MESSAGE_IDS, str(notification.id)),
        topic=PUSH_TOPIC,
        payload={"notification_id": str(notification.id)},
        created_at=notification.created_at,
    )


class PushNotDelivered(RuntimeError):
    """Some devices could not be reached yet; the outbox retries the message later."""

    def __init__(self, after_seconds: float, reason: str) -> None:
        super().__init__(f"retry after {after_seconds:g}s: {reason}")
        self.after_seconds = after_seconds


class SendPush:
    """Outbox handler for `push`: tells each of the user's devices of one notification.

    A device whose token is dead is forgotten; a push service that asks to be retried
    leaves the message undelivered (raising) once every other device has had its push.
    Nothing goes out when the user turned this kind of push off.
    """

    def __init__(self, sender: PushSender, clock: Clock) -> None:
        self._sender = sender
        self._clock = clock

    def __call__(self, payload: dict[str, Any], uow: UnitOfWork) -> None:
        notification = uow.notifications.get(UUID(payload["notification_id"]))
        if notification is None or not _wants_push(uow, notification):
            return
        reached = uow.push_deliveries.devices_reached(notification.id)
        postponed: list[RetryLater] = []
        for device in uow.devices.for_user(notification.user_id):
            if device.id in reached:
                continue
            result = self._sender.send(
                push_for_notification(
                    device.token,
                    kind=notification.kind,
                    notification_id=notification.id,
                    title=notification.title,
                    body=notification.body,
                    course_id=notification.data.get("course_id"),
                )
            )
            match result:
                case Delivered(message_name):
                    uow.push_deliveries.record(
                        notification.id, device.id, message_name, self._clock.now()
                    )
                case TokenInvalid():
                    uow.devices.delete(device.id)
                case RetryLater():
                    postponed.append(result)
        if postponed:
            longest = max(postponed, key=lambda retry: retry.after_seconds)
            raise PushNotDelivered(longest.after_seconds, longest.reason)


def _wants_push(uow: UnitOfWork, notification: Notification) -> bool:
    kind = preference_kind(notification.kind)
    return kind is None or uow.notification_preferences.allows(
        notification.user_id, kind, Channel.PUSH
    )
