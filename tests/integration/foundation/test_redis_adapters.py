"""The Redis-backed adapters against a live Redis server."""

from dataclasses import replace

import dramatiq
import pytest
from dependency_injector import providers

from skillwise.adapters.cache.redis_cache import RedisCache
from skillwise.adapters.redis_client import build_redis_client
from skillwise.adapters.tasks.dramatiq_queue import QUEUE
from skillwise.application.shared.email import queue_email
from tests.integration.conftest import TEST_REDIS_URL

pytestmark = [pytest.mark.integration, pytest.mark.redis]


@pytest.fixture
def redis_cache(settings):
    client = build_redis_client(TEST_REDIS_URL)
    yield RedisCache(client, prefix=settings.redis_prefix)
    for key in client.scan_iter(match=f"{settings.redis_prefix}*"):
        client.delete(key)
    client.close()


def test_redis_cache_stores_expires_and_deletes(redis_cache):
    redis_cache.set("course:1", b"payload", ttl_seconds=60)
    assert redis_cache.get("course:1") == b"payload"
    redis_cache.delete("course:1")
    assert redis_cache.get("course:1") is None
    assert redis_cache.ping() is True


def test_redis_cache_counters_are_atomic(redis_cache):
    assert [redis_cache.incr("version") for _ in range(3)] == [1, 2, 3]


def test_a_redis_cache_that_is_down_reads_as_misses():
    cache = RedisCache(build_redis_client("redis://127.0.0.1:1/0"))
    assert cache.get("anything") is None
    assert cache.ping() is False


def test_outbox_messages_travel_through_dramatiq_on_redis_to_the_mailer(
    container, settings, uow_factory, outbox_mailer
):
    container.infra.settings.override(
        providers.Object(replace(settings, redis_url=TEST_REDIS_URL, task_backend="dramatiq"))
    )
    broker = container.infra.broker()
    container.infra.deliver_actor()
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        with uow_factory() as uow:
            queue_email(
                uow, container.infra.clock(), to="ada@example.com", subject="Queued", text="x"
            )
            uow.commit()
        broker.join(QUEUE, timeout=10_000)
        worker.join()
    finally:
        worker.stop()
        broker.flush_all()
        broker.close()
    assert [m.subject for m in outbox_mailer.sent] == ["Queued"]
