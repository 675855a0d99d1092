"""The shared Redis cache, counting the reads that reach Redis, for tests of local copies."""

from __future__ import annotations

from skillwise.adapters.cache.redis_cache import RedisCache


class CountingRedisCache(RedisCache):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reads = 0

    def fetch_many(self, keys):
        self.reads += 1
        return super().fetch_many(keys)
