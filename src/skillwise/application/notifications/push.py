"""Push notifications to the app: the PushSender port, what it sends and what it answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol
from uuid import UUID

AndroidPriority = Literal["high", "normal"]


@dataclass(frozen=True, slots=True)
class PushMessage:
    """One push to one device: the visible notification and the data the app routes on."""

    token: str
    title: str
    body: str
    # FCM accepts only strings as data values; the app reads them back as strings too.
    data: Mapping[str, str] = field(default_factory=dict)
    android_priority: AndroidPriority = "normal"


@dataclass(frozen=True, slots=True)
class Delivered:
    """The push service accepted the message; `message_name` is its id there."""

    message_name: str


@dataclass(frozen=True, slots=True)
class TokenInvalid:
    """The device token will never work again: forget the device."""

    reason: str


@dataclass(frozen=True, slots=True)
class RetryLater:
    """The push service is overloaded or down: try again after `after_seconds`."""

    after_seconds: float
    reason: str


PushResult = Delivered | TokenInvalid | RetryLater


class PushRejected(RuntimeError):
    """The push service refused the message for a reason no retry or device removal fixes:
    a malformed payload, or credentials or a project that are not ours to use."""


class PushSender(Protocol):
    """Sends one push to one device and says what became of it.

    Transient failures come back as RetryLater rather than raising, so the caller decides
    how to reschedule; a dead token comes back as TokenInvalid. Anything else raises
    PushRejected. A push cannot be recalled or deduplicated by the push service, so callers
    keep their own record of what was sent.
    """

    def send(self, message: PushMessage) -> PushResult: ...


def push_for_notification(
    token: str,
    *,
    kind: str,
    notification_id: UUID | str,
    title: str,
    body: str,
    course_id: UUID | str | None = None,
) -> PushMessage:
    """The push telling one device of an in-app notification.

    `kind` and `id` let the app open the notification's screen, `course_id` the course it is
    about. Payment results go out at high priority so Android wakes the app to show them at
    once instead of batching them for later.
    """
    data = {"kind": kind, "id": str(notification_id)}
    if course_id is not None:
        data["course_id"] = str(course_id)
    return PushMessage(
        token=token,
        title=title,
        body=body,
        data=data,
        android_priority="high" if kind.startswith("payment_") else "normal",
    )
