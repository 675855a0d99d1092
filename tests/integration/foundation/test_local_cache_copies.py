"""Local copies of catalog keys against live Redis: every process sees every change at once.

Two LocallyCopiedCache instances over one Redis stand for two processes. The fault tests
stop, pause and restart a redis-server the test owns, never the shared one.
"""

from __future__ import annotations

import time

import pytest

from skillwise.adapters.cache.invalidation_feed import InvalidationFeed
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.redis_client import build_redis_client
from tests.integration.conftest import TEST_REDIS_URL
from tests.integration.counting_cache import CountingRedisCache

pytestmark = pytest.mark.integration


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def process(url: str, prefix: str, clock=time.monotonic) -> LocallyCopiedCache:
    shared = CountingRedisCache(build_redis_client(url), prefix=prefix)
    return LocallyCopiedCache(shared, feed_for=lambda keys: InvalidationFeed(url, keys, clock))


def reads_of(cache: LocallyCopiedCache) -> int:
    return cache._shared.reads  # type: ignore[attr-defined]


@pytest.fixture
def shared_redis(settings):
    if not TEST_REDIS_URL:
        pytest.skip("SKILLWISE_TEST_REDIS_URL is not set")
    yield TEST_REDIS_URL, settings.redis_prefix
    client = build_redis_client(TEST_REDIS_URL)
    for key in client.scan_iter(match=f"{settings.redis_prefix}*"):
        client.delete(key)
    client.close()


@pytest.mark.redis
def test_a_change_made_by_one_process_is_read_by_the_other_at_once(shared_redis):
    first, second = process(*shared_redis), process(*shared_redis)
    assert first.get("catalog:list:version") is None
    assert first.get("catalog:list:version") is None
    assert reads_of(first) == 1

    second.incr("catalog:list:version")
    assert first.get("catalog:list:version") == b"1"
    assert first.get("catalog:list:version") == b"1"
    assert reads_of(first) == 2


@pytest.mark.redis
def test_a_write_by_any_client_of_redis_drops_the_copies(shared_redis):
    url, prefix = shared_redis
    cache = process(url, prefix)
    cache.set("catalog:page:list:x", b"old", ttl_seconds=60)
    assert cache.get("catalog:page:list:x") == b"old"
    outsider = build_redis_client(url)
    outsider.set(f"{prefix}cache:catalog:page:list:x", b"new")
    assert cache.get("catalog:page:list:x") == b"new"
    outsider.delete(f"{prefix}cache:catalog:page:list:x")
    assert cache.get("catalog:page:list:x") is None
    outsider.close()


@pytest.mark.redis
def test_keys_under_other_prefixes_do_not_disturb_the_copies(shared_redis):
    url, prefix = shared_redis
    cache = process(url, prefix)
    cache.get("catalog:list:version")
    other = process(url, prefix + "elsewhere:")
    other.incr("catalog:list:version")
    cache.incr("tokens:count")
    cache.get("catalog:list:version")
    assert reads_of(cache) == 1


def test_a_flushed_server_leaves_no_copy_behind(owned_redis):
    cache = process(owned_redis.url, "t:")
    cache.incr("catalog:list:version")
    assert cache.get("catalog:list:version") == b"1"
    build_redis_client(owned_redis.url).flushdb()
    assert cache.get("catalog:list:version") is None


def test_a_restarted_server_is_read_again_and_its_new_values_win(owned_redis):
    cache = process(owned_redis.url, "t:")
    cache.incr("catalog:list:version")
    assert cache.get("catalog:list:version") == b"1"

    owned_redis.stop()
    assert cache.get("catalog:list:version") is None

    owned_redis.start()
    writer = build_redis_client(owned_redis.url)
    writer.set("t:cache:catalog:list:version", b"5")
    deadline = time.monotonic() + 5
    while cache.get("catalog:list:version") != b"5":
        assert time.monotonic() < deadline, "the restarted server was never read"
        time.sleep(0.1)
    # Tracking is on again after the reconnect: a change is seen at once.
    writer.incr("t:cache:catalog:list:version")
    assert cache.get("catalog:list:version") == b"6"
    writer.close()


def test_a_server_that_goes_quiet_is_no_longer_trusted_for_copies(owned_redis):
    clock = Clock()
    cache = process(owned_redis.url, "t:", clock)
    cache.incr("catalog:list:version")
    cache.get("catalog:list:version")
    cache.get("catalog:list:version")
    assert reads_of(cache) == 1

    owned_redis.pause()
    clock.now += 1.1
    cache.get("catalog:list:version")  # sends the feed's ping, which goes unanswered
    clock.now += 1.0
    # Copies are no longer vouched for: the read goes to Redis, which is quiet too (a miss).
    assert cache.get("catalog:list:version") is None
    owned_redis.resume()
    clock.now += 1.5  # the ping has gone unanswered too long: the feed reconnects
    deadline = time.monotonic() + 5
    while cache.get("catalog:list:version") != b"1":
        assert time.monotonic() < deadline, "the feed never came back"
        clock.now += 0.5
        time.sleep(0.1)
