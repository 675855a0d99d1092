"""In-app notifications: written in the same transaction as the event they tell of."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4


@dataclass(eq=False)
class Notification:
    user_id: UUID
    kind: str
    title: str
    created_at: datetime
    body: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    read_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Platform(StrEnum):
    ANDROID = "android"
    IOS = "ios"
    WEB = "web"


@dataclass(eq=False)
class Device:
    """An app install that receives pushes; the push service's token identifies it."""

    user_id: UUID
    platform: Platform
    token: str
    created_at: datetime
    last_seen_at: datetime
    app_version: str | None = None
    locale: str | None = None
    id: UUID = field(default_factory=uuid4)


class Channel(StrEnum):
    EMAIL = "email"
    PUSH = "push"


# The kinds a user may turn off per channel, named as the notifications they govern.
PREFERENCE_KINDS: tuple[str, ...] = (
    "payment_succeeded",
    "payment_failed",
    "enrollment",
    "course_completed",
    "new_review",
    "payment_refunded",
    "report_closed",
    "new_lesson",
    "price_drop",
)

# Account security mail must always arrive: it is how a user gets back into an account.
SECURITY_EMAIL_KINDS: frozenset[str] = frozenset(
    {"email_verification", "password_reset", "password_changed"}
)

# Notifications written under another name that a preference still governs.
_PREFERENCE_OF_KIND = {"payment_rejected": "payment_failed"}


def preference_kind(notification_kind: str) -> str | None:
    """The preference that governs a notification kind; None when no preference does
    (such as reports filed, which admins must see)."""
    kind = _PREFERENCE_OF_KIND.get(notification_kind, notification_kind)
    return kind if kind in PREFERENCE_KINDS else None
