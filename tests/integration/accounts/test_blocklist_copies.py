"""The Redis blocklist with local copies: a token revoked in one process is refused by every
other at once, and a check Redis already answered costs no round trip.

Two RedisTokenBlocklist instances over one Redis and one database stand for two processes.
The fault tests flush and stop a redis-server the test owns, never the shared one.
"""

from __future__ import annotations

import time
from datetime import timedelta
from uuid import uuid4

import pytest

from skillwise.adapters.blocklist.database import DatabaseTokenBlocklist
from skillwise.adapters.blocklist.redis_blocklist import KEY_PREFIX, RedisTokenBlocklist
from skillwise.adapters.cache.invalidation_feed import InvalidationFeed
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.redis_client import build_redis_client
from tests.integration.conftest import TEST_REDIS_URL, wipe_redis
from tests.integration.counting_cache import CountingRedisCache

pytestmark = pytest.mark.integration

LIFETIME = timedelta(minutes=15)


class Process:
    """One process's blocklist, with its own copies and invalidation feed."""

    def __init__(self, container, clock, url: str, prefix: str) -> None:
        client = build_redis_client(url)
        # The blocklist's keys sit beside the cache's, not under its namespace.
        self.shared = CountingRedisCache(client, prefix=prefix, namespace="")
        copies = LocallyCopiedCache(
            self.shared, feed_for=lambda keys: InvalidationFeed(url, keys), prefix=KEY_PREFIX
        )
        database = DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
        self.blocklist = RedisTokenBlocklist(database, client, clock, prefix=prefix, copies=copies)


def two_processes(container, clock, url: str, prefix: str) -> tuple[Process, Process]:
    return Process(container, clock, url, prefix), Process(container, clock, url, prefix)


def held(process: Process, jti: str, user_id, issued_at, family_id=None) -> bool:
    """The check's answer, once the process holds copies of its keys: its feed may take a
    moment to start, and copies read before it has are not kept."""
    for _ in range(50):
        answer = process.blocklist.is_revoked(jti, user_id, issued_at, family_id)
        reads = process.shared.reads
        again = process.blocklist.is_revoked(jti, user_id, issued_at, family_id)
        if again == answer and process.shared.reads == reads:
            return answer
        time.sleep(0.05)
    raise AssertionError("the process never held copies of the check's keys")


@pytest.fixture
def shared_redis(settings):
    if not TEST_REDIS_URL:
        pytest.skip("SKILLWISE_TEST_REDIS_URL is not set")
    yield TEST_REDIS_URL, settings.redis_prefix
    wipe_redis(TEST_REDIS_URL, settings.redis_prefix)


@pytest.mark.redis
def test_a_token_revoked_in_one_process_is_refused_by_the_other_at_once(
    container, clock, shared_redis
):
    first, second = two_processes(container, clock, *shared_redis)
    user_id, family_id = uuid4(), uuid4()
    assert held(second, "jti-1", user_id, clock.now(), family_id) is False

    first.blocklist.revoke_token("jti-1", clock.now() + LIFETIME)
    assert second.blocklist.is_revoked("jti-1", user_id, clock.now(), family_id) is True
    assert second.blocklist.is_revoked("jti-2", user_id, clock.now(), family_id) is False

    first.blocklist.revoke_family(family_id, clock.now())
    assert second.blocklist.is_revoked("jti-2", user_id, clock.now(), family_id) is True

    first.blocklist.revoke_tokens_of(user_id, issued_before=clock.now())
    assert second.blocklist.is_revoked("jti-3", user_id, clock.now() - timedelta(seconds=1))


@pytest.mark.redis
def test_a_check_redis_answered_once_costs_no_round_trip_until_a_revocation(
    container, clock, shared_redis
):
    first, second = two_processes(container, clock, *shared_redis)
    user_id = uuid4()
    assert held(second, "jti-1", user_id, clock.now()) is False
    reads = second.shared.reads
    for _ in range(5):
        assert second.blocklist.is_revoked("jti-1", user_id, clock.now()) is False
    assert second.shared.reads == reads
    # A revocation of another token drops only that token's copy: this one is still held.
    first.blocklist.revoke_token("jti-other", clock.now() + LIFETIME)
    assert second.blocklist.is_revoked("jti-1", user_id, clock.now()) is False
    assert second.shared.reads == reads


def test_a_flushed_server_is_refilled_from_the_database_and_still_refuses(
    container, clock, owned_redis, settings
):
    prefix = settings.redis_prefix
    first, second = two_processes(container, clock, owned_redis.url, prefix)
    user_id = uuid4()
    first.blocklist.revoke_token("gone", clock.now() + LIFETIME)
    assert second.blocklist.is_revoked("gone", user_id, clock.now()) is True
    build_redis_client(owned_redis.url).flushall()  # as a restart without persistence would
    assert second.blocklist.is_revoked("gone", user_id, clock.now()) is True
    assert build_redis_client(owned_redis.url).exists(f"{prefix}blocklist:jti:gone") == 1


def test_with_redis_stopped_the_database_answers_and_no_copy_is_trusted(
    container, clock, owned_redis, settings
):
    prefix = settings.redis_prefix
    first, second = two_processes(container, clock, owned_redis.url, prefix)
    user_id = uuid4()
    assert held(second, "jti-1", user_id, clock.now()) is False
    owned_redis.stop()
    # Redis cannot take this one: only the database records it.
    first.blocklist.revoke_token("jti-1", clock.now() + LIFETIME)
    assert second.blocklist.is_revoked("jti-1", user_id, clock.now()) is True
