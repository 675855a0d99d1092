"""What a transaction declares should happen once it commits, and never if it rolls back.

Use cases and repositories declare effects with `uow.after_commit(...)`; the unit of work
hands them to `AfterCommit` after a successful commit. Nothing that leaves the process is
called by a use case itself.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.shared.tasks import TaskQueue

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CourseChanged:
    """A course, its outline, rating or counters changed: cached catalog answers are stale."""

    course_id: UUID


@dataclass(frozen=True, slots=True)
class OutboxMessageAdded:
    """A message was written to the outbox: hand it to the task queue."""

    message_id: UUID


Effect = CourseChanged | OutboxMessageAdded


class AfterCommit:
    """Runs the effects of one committed transaction, each at most once."""

    def __init__(self, catalog_cache: CatalogCache, task_queue: TaskQueue | None) -> None:
        self._catalog_cache = catalog_cache
        self._task_queue = task_queue

    def __call__(self, effects: Sequence[Effect]) -> None:
        for effect in dict.fromkeys(effects):
            match effect:
                case CourseChanged(course_id):
                    self._invalidate(course_id)
                case OutboxMessageAdded(message_id):
                    self._hand_off(message_id)

    def _invalidate(self, course_id: UUID) -> None:
        # The change is committed; a cache that is down holds stale answers for one TTL at most.
        try:
            self._catalog_cache.course_changed(course_id)
        except Exception:
            log.exception("cached catalog answers for course %s not invalidated", course_id)

    def _hand_off(self, message_id: UUID) -> None:
        if self._task_queue is None:
            return
        # The message is durable already; a failed hand-off is retried by the relay.
        try:
            self._task_queue.deliver_outbox_message(message_id)
        except Exception:
            log.exception("outbox message %s not handed to the task queue", message_id)
