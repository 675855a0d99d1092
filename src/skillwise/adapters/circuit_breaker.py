"""A circuit breaker: after a failure, callers skip a dependency for a few seconds.

While Redis is down every request would otherwise pay a connection attempt (a refused port is
quick; an unreachable host costs the whole socket timeout). Once the pause is over, one caller
tries again; the others keep skipping until it reports.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        pause_seconds: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._name = name
        self._pause = pause_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._failing = False
        self._retry_at = 0.0

    @property
    def is_failing(self) -> bool:
        return self._failing

    def allows_call(self) -> bool:
        with self._lock:
            if not self._failing:
                return True
            now = self._monotonic()
            if now < self._retry_at:
                return False
            # This caller probes; the others wait for its verdict, one pause at most.
            self._retry_at = now + self._pause
            return True

    def succeeded(self) -> bool:
        """Report a call that worked; True when it ends an outage."""
        with self._lock:
            recovered, self._failing = self._failing, False
        if recovered:
            log.warning("%s is reachable again", self._name)
        return recovered

    def failed(self) -> None:
        with self._lock:
            first, self._failing = not self._failing, True
            self._retry_at = self._monotonic() + self._pause
        if first:
            log.warning(
                "%s is unreachable; skipping it for %.0f s at a time", self._name, self._pause
            )
