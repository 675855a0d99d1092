"""Runs outbox deliveries right away in the calling process (the embedded default)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from uuid import UUID

from skillwise.adapters import metrics
from skillwise.adapters.tasks.dramatiq_queue import DELIVER_ACTOR

log = logging.getLogger(__name__)


class InProcessTaskQueue:
    def __init__(self, deliver: Callable[[], Callable[[UUID], object]]) -> None:
        self._deliver = deliver

    def deliver_outbox_message(self, message_id: UUID) -> None:
        # The caller's transaction has committed; a failure here must not undo its answer.
        # The message stays undelivered and `skillwise outbox relay` retries it.
        try:
            self._deliver()(message_id)
        except Exception:
            metrics.worker_job_failures.labels(actor=DELIVER_ACTOR).inc()
            log.exception("outbox message %s failed; left for the relay", message_id)
