"""dramatiq on Redis: the web process enqueues, `skillwise worker` delivers."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import dramatiq
from dramatiq.brokers.redis import RedisBroker

DELIVER_ACTOR = "deliver_outbox_message"
QUEUE = "skillwise"


def build_broker(redis_url: str, prefix: str) -> RedisBroker:
    return RedisBroker(url=redis_url, namespace=f"{prefix}dramatiq")


def declare_actors(
    broker: dramatiq.Broker, deliver: Callable[[], Callable[[UUID], object]]
) -> dramatiq.Actor:
    """Declares the delivery actor on this broker; retries back off up to about an hour."""

    def deliver_outbox_message(message_id: str) -> None:
        deliver()(UUID(message_id))

    return dramatiq.Actor(
        deliver_outbox_message,
        broker=broker,
        actor_name=DELIVER_ACTOR,
        queue_name=QUEUE,
        priority=0,
        options={"max_retries": 12, "min_backoff": 1_000, "max_backoff": 3_600_000},
    )


class DramatiqTaskQueue:
    def __init__(self, actor: dramatiq.Actor) -> None:
        self._actor = actor

    def deliver_outbox_message(self, message_id: UUID) -> None:
        self._actor.send(str(message_id))
