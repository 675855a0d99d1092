"""DeliverOutboxMessage: perform one recorded side effect, at most once when it succeeds."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from uuid import UUID

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.outbox import OutboxHandler
from skillwise.application.shared.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class UnknownOutboxTopic(LookupError):
    pass


class DeliverOutboxMessage:
    """Locks the message, runs its topic's handler, and marks it delivered in one transaction.

    The lock keeps a second worker from sending the same message while the first one is busy;
    a handler that raises leaves the message undelivered (attempts counted) for a retry.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        handlers: Mapping[str, OutboxHandler],
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._handlers = handlers
        self._clock = clock

    def __call__(self, message_id: UUID) -> bool:
        with self._uow as uow:
            message = uow.outbox.get_for_update(message_id)
            if message is None or message.delivered_at is not None:
                return False
            handler = self._handlers.get(message.topic)
            if handler is None:
                raise UnknownOutboxTopic(message.topic)
            message.attempts += 1
            try:
                handler(message.payload, uow)
            except Exception as error:
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                uow.outbox.save(message)
                uow.commit()
                raise
            message.delivered_at = self._clock.now()
            message.last_error = None
            uow.outbox.save(message)
            uow.commit()
            return True


class RelayStaleOutbox:
    """Hands undelivered messages older than a grace period to the task queue again.

    Covers a process that died between commit and enqueue, or a broker that was down.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        enqueue: Callable[[UUID], None],
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._enqueue = enqueue
        self._clock = clock

    def __call__(self, *, older_than_seconds: int = 60, limit: int = 500) -> int:
        cutoff = self._clock.now() - timedelta(seconds=older_than_seconds)
        with self._uow as uow:
            message_ids = uow.outbox.undelivered_ids(created_before=cutoff, limit=limit)
        for message_id in message_ids:
            self._enqueue(message_id)
        return len(message_ids)
