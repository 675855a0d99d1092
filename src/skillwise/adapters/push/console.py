"""Prints pushes instead of sending them (the embedded default)."""

from __future__ import annotations

import itertools
import sys
import threading
from typing import TextIO

from skillwise.application.notifications.push import Delivered, PushMessage, PushResult


class ConsolePushSender:
    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def send(self, message: PushMessage) -> PushResult:
        stream = self._stream or sys.stdout
        data = ", ".join(f"{key}={value}" for key, value in message.data.items()) or "none"
        with self._lock:
            number = next(self._numbers)
            stream.write(
                "\n".join(
                    [
                        "-" * 72,
                        f"Push to device: {message.token}",
                        f"Title: {message.title}",
                        f"Data: {data}",
                        f"Android priority: {message.android_priority}",
                        "",
                        message.body,
                        "-" * 72,
                        "",
                    ]
                )
            )
            stream.flush()
        return Delivered(message_name=f"console/{number}")
