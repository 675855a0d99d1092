"""dramatiq on Redis: the web process enqueues, `skillwise worker` delivers."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from redis.backoff import NoBackoff
from redis.retry import Retry

from skillwise.adapters.redis_client import CONNECT_TIMEOUT_SECONDS
from skillwise.adapters.tasks.failure_metrics import CountFailures

DELIVER_ACTOR = "deliver_outbox_message"
QUEUE = "skillwise"
# Longer than a request's budget: the worker's fetches and acks run scripts that may queue.
BROKER_SOCKET_TIMEOUT_SECONDS = 5.0


def build_broker(redis_url: str, prefix: str) -> RedisBroker:
    # Bounded waits: a hand-off after commit must not hang a request on a dead Redis (the
    # message is in the outbox, the relay sends it later); the worker reconnects on its own.
    client = redis.Redis.from_url(
        redis_url,
        socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
        socket_timeout=BROKER_SOCKET_TIMEOUT_SECONDS,
        retry=Retry(NoBackoff(), 0),
    )
    broker = RedisBroker(client=client, namespace=f"{prefix}dramatiq")
    broker.add_middleware(CountFailures())
    return broker


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
