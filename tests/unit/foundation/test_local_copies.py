"""Local copies of shared cache keys: used only while the feed vouches, dropped on every change."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from skillwise.adapters.cache.invalidation_feed import UNKNOWN, Changes
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.cache.redis_cache import CacheUnavailable
from tests.fakes.basics import DictCache

PREFIX = "app:cache:"


class SharedCache(DictCache):
    """The Redis cache as LocallyCopiedCache sees it: counts the reads that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0
        self.down = False
        self.during_read: Callable[[], None] = lambda: None

    def redis_key(self, key: str) -> str:
        return PREFIX + key

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        self.reads += 1
        return super().get_many(keys)

    def fetch_many(self, keys: list[str]) -> list[bytes | None]:
        if self.down:
            self.reads += 1
            raise CacheUnavailable("down")
        values = self.get_many(keys)
        self.during_read()
        return values


class Feed:
    def __init__(self) -> None:
        self.pending: list[Changes] = []
        self.live = True

    def poll(self) -> Changes:
        if not self.live:
            return UNKNOWN
        changes = Changes(
            keys=[key for change in self.pending for key in change.keys],
            everything=any(change.everything for change in self.pending),
        )
        self.pending.clear()
        return changes

    def changed(self, *keys: str) -> None:
        self.pending.append(Changes(keys=[PREFIX + key for key in keys]))


@pytest.fixture
def shared() -> SharedCache:
    return SharedCache()


@pytest.fixture
def feed() -> Feed:
    return Feed()


@pytest.fixture
def cache(shared: SharedCache, feed: Feed) -> LocallyCopiedCache:
    return LocallyCopiedCache(shared, feed_for=lambda prefix: feed)  # type: ignore[arg-type]


def test_a_key_read_twice_is_read_from_redis_once(cache, shared):
    shared.values["catalog:list:version"] = b"7"
    assert cache.get_many(["catalog:list:version", "catalog:page:1"]) == [b"7", None]
    assert cache.get_many(["catalog:list:version", "catalog:page:1"]) == [b"7", None]
    assert shared.reads == 1


def test_a_change_reported_by_the_feed_is_read_again(cache, shared, feed):
    shared.values["catalog:list:version"] = b"7"
    cache.get("catalog:list:version")
    shared.values["catalog:list:version"] = b"8"
    feed.changed("catalog:list:version")
    assert cache.get("catalog:list:version") == b"8"
    assert shared.reads == 2


def test_a_key_outside_the_prefix_is_never_copied(cache, shared):
    shared.values["tokens:revoked"] = b"1"
    cache.get("tokens:revoked")
    cache.get("tokens:revoked")
    assert shared.reads == 2


def test_a_value_read_while_a_change_arrived_is_not_kept(cache, shared, feed):
    shared.values["catalog:list:version"] = b"7"

    def another_process_writes() -> None:
        shared.during_read = lambda: None
        shared.values["catalog:list:version"] = b"8"
        feed.changed("catalog:list:version")
        cache.get("catalog:page:other")  # another thread polls the feed meanwhile

    shared.during_read = another_process_writes
    assert cache.get("catalog:list:version") == b"7"
    assert cache.get("catalog:list:version") == b"8"


def test_while_the_feed_cannot_vouch_every_read_goes_to_redis(cache, shared, feed):
    shared.values["catalog:list:version"] = b"7"
    cache.get("catalog:list:version")
    feed.live = False
    shared.values["catalog:list:version"] = b"8"
    assert cache.get("catalog:list:version") == b"8"
    assert cache.get("catalog:list:version") == b"8"
    assert shared.reads == 3


def test_copies_from_before_an_outage_of_the_feed_are_not_served_after_it(cache, shared, feed):
    shared.values["catalog:list:version"] = b"7"
    cache.get("catalog:list:version")
    feed.live = False
    cache.get("catalog:list:version")
    feed.live = True
    shared.values["catalog:list:version"] = b"8"
    assert cache.get("catalog:list:version") == b"8"


def test_a_flush_drops_every_copy(cache, shared, feed):
    shared.values.update({"catalog:a": b"1", "catalog:b": b"2"})
    cache.get_many(["catalog:a", "catalog:b"])
    shared.values.clear()
    feed.pending.append(Changes(everything=True))
    assert cache.get_many(["catalog:a", "catalog:b"]) == [None, None]


def test_an_unreachable_redis_reads_as_misses_and_keeps_no_copy(cache, shared):
    shared.down = True
    assert cache.get("catalog:list:version") is None
    shared.down = False
    shared.values["catalog:list:version"] = b"3"
    assert cache.get("catalog:list:version") == b"3"


def test_fetching_tells_an_unreachable_redis_from_absent_keys(cache, shared):
    assert cache.fetch_many(["catalog:absent"]) == [None]
    cache.get("catalog:other")  # held as absent, but not the key asked next
    shared.down = True
    with pytest.raises(CacheUnavailable):
        cache.fetch_many(["catalog:list:version"])
    assert cache.get_many(["catalog:list:version"]) == [None]


def test_own_writes_are_seen_at_once_even_before_the_feed_reports_them(cache, shared):
    cache.get("catalog:list:version")
    cache.incr("catalog:list:version")
    assert cache.get("catalog:list:version") == b"1"
    cache.set("catalog:page:1", b"page", ttl_seconds=60)
    assert cache.get("catalog:page:1") == b"page"
    cache.delete("catalog:page:1")
    assert cache.get("catalog:page:1") is None


def test_copies_stay_within_their_size_least_recently_used_out_first(shared, feed):
    cache = LocallyCopiedCache(
        shared,  # type: ignore[arg-type]
        feed_for=lambda prefix: feed,  # type: ignore[arg-type,return-value]
        max_bytes=3 * 1200,
    )
    for name in "abcd":
        shared.values[f"catalog:{name}"] = b"x" * 1000
    for name in "abc":
        cache.get(f"catalog:{name}")
    cache.get("catalog:a")  # a is now the most recently used
    cache.get("catalog:d")  # evicts b
    reads = shared.reads
    cache.get("catalog:a")
    cache.get("catalog:d")
    assert shared.reads == reads
    cache.get("catalog:b")
    assert shared.reads == reads + 1
