"""Prints emails instead of sending them (the embedded default)."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from skillwise.application.shared.mailer import EmailMessage


class ConsoleMailer:
    def __init__(self, sender: str, stream: TextIO | None = None) -> None:
        self._sender = sender
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, message: EmailMessage) -> None:
        stream = self._stream or sys.stdout
        attachments = ", ".join(a.filename for a in message.attachments) or "none"
        with self._lock:
            stream.write(
                "\n".join(
                    [
                        "-" * 72,
                        f"From: {self._sender}",
                        f"To: {message.to}",
                        f"Subject: {message.subject}",
                        *(f"{name}: {value}" for name, value in message.headers.items()),
                        f"Attachments: {attachments}",
                        "",
                        message.text,
                        "-" * 72,
                        "",
                    ]
                )
            )
            stream.flush()
