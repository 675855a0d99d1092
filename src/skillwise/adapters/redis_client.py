"""One Redis client per process, with timeouts so a dead server fails fast."""

import redis


def build_redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30
    )
