"""Outgoing email."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class EmailAttachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str | None = None
    attachments: tuple[EmailAttachment, ...] = field(default_factory=tuple)
    # Extra header fields, such as List-Unsubscribe; adapters must send them all.
    headers: Mapping[str, str] = field(default_factory=dict)


class Mailer(Protocol):
    """Hands one message to the mail system; raises on failure so the task can retry."""

    def send(self, message: EmailMessage) -> None: ...
