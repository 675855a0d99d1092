"""Which shared cache keys changed, as Redis itself reports it to this process.

Redis's server-assisted client-side caching (`CLIENT TRACKING`) in broadcast mode sends a
message naming every key under a prefix that anyone changes, deletes, lets expire or flushes.
The tracking is redirected to the very connection that subscribes to the messages (RESP2
pub/sub, Redis 6 and later), so if that one connection breaks, tracking and messages end
together and the break is seen on the next poll.

Redis sends the message in the same turn of its event loop in which it answers the command
that changed the key, so by the time the writer's own caller hears back, the message is on
this process's socket. Polling before every use of a local copy therefore does not serve a
copy that a finished write elsewhere has made stale.

A connection that stays open can still go quiet (a peer gone without a FIN). The feed pings
at most once a second and vouches for local copies only while a ping was answered within the
last two seconds (otherwise its holder reads the shared cache); a ping left unanswered for two
seconds counts as a broken connection.
"""

from __future__ import annotations

import logging
import os
import select
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import redis

from skillwise.adapters.redis_client import CONNECT_TIMEOUT_SECONDS, SOCKET_TIMEOUT_SECONDS

log = logging.getLogger(__name__)

CHANNEL = "__redis__:invalidate"
PING_EVERY_SECONDS = 1.0
VOUCH_FOR_SECONDS = 2.0
RECONNECT_AFTER_SECONDS = 1.0


@dataclass(frozen=True)
class Changes:
    """What a poll learned. `everything`: drop every copy (a flush, or a new connection that
    cannot speak for the time before it). `live`: copies may be used and kept now."""

    keys: list[str] = field(default_factory=list)
    everything: bool = False
    live: bool = True


UNKNOWN = Changes(everything=True, live=False)


class InvalidationFeed:
    """One connection per process (a forked child opens its own), polled, never blocking."""

    def __init__(
        self,
        redis_url: str,
        prefix: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # RESP2, so the messages arrive as pub/sub replies. The pool only makes connections:
        # this one is never handed out or returned.
        self._pool = redis.ConnectionPool.from_url(
            redis_url,
            protocol=2,
            socket_timeout=SOCKET_TIMEOUT_SECONDS,
            socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
        )
        self._prefix = prefix
        self._clock = clock
        self._connection: redis.Connection | None = None
        self._pid: int | None = None
        self._fresh = False
        self._retry_at = 0.0
        self._pinged_at = 0.0
        self._answered_at = 0.0
        self._watch: select.poll | None = None
        self._drained = False

    def poll(self) -> Changes:
        """The keys (full Redis names) changed since the last poll; call under one lock."""
        connection = self._connected()
        if connection is None:
            return UNKNOWN
        keys: list[str] = []
        everything, self._fresh = self._fresh, False
        now = self._clock()
        try:
            while self._may_hold_messages() and connection.can_read(timeout=0):
                message = connection.read_response()
                if message[0] == b"pong":
                    self._answered_at = now
                    continue
                payload = message[2]
                if payload is None:
                    # FLUSHDB or FLUSHALL: every key is gone.
                    everything = True
                else:
                    keys.extend(key.decode() for key in payload)
            self._drained = True
            unanswered = self._pinged_at > self._answered_at
            if unanswered and now - self._pinged_at > VOUCH_FOR_SECONDS:
                raise TimeoutError("the feed did not answer its ping")
            if not unanswered and now - self._pinged_at >= PING_EVERY_SECONDS:
                connection.send_command("PING")
                self._pinged_at = now
        except (redis.RedisError, OSError, ValueError):
            log.warning("the cache invalidation feed broke; reconnecting", exc_info=True)
            self.close()
            return UNKNOWN
        # Messages on one connection arrive in order, so once a ping is answered every change
        # made before it has been read; after a quiet spell, copies wait for the next answer.
        return Changes(keys, everything, live=now - self._answered_at <= VOUCH_FOR_SECONDS)

    def _may_hold_messages(self) -> bool:
        """False when one poll(2) says nothing came since the last complete drain, which left
        the reply parser empty: cheaper than asking the parser, which reads the socket."""
        if self._watch is None or not self._drained:
            return True
        if self._watch.poll(0):
            self._drained = False
            return True
        return False

    def close(self) -> None:
        if self._connection is not None:
            self._connection.disconnect()
        self._connection = None
        self._watch = None
        self._retry_at = self._clock() + RECONNECT_AFTER_SECONDS

    @staticmethod
    def _poll_of(connection: redis.Connection) -> select.poll | None:
        sock = getattr(connection, "_sock", None)
        if sock is None:
            return None
        watch = select.poll()
        watch.register(sock.fileno(), select.POLLIN | select.POLLPRI)
        return watch

    def _connected(self) -> redis.Connection | None:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        # A connection inherited through fork is the parent's: leave it to the parent.
        self._connection = None
        if self._clock() < self._retry_at:
            return None
        try:
            self._connection = self._subscribe()
        except (redis.RedisError, OSError) as error:
            log.warning("cache invalidation feed unavailable: %s", error)
            self.close()
            return None
        self._pid = os.getpid()
        self._watch = self._poll_of(self._connection)
        self._drained = False
        self._fresh = True
        self._pinged_at = self._answered_at = self._clock()
        return self._connection

    def _subscribe(self) -> redis.Connection:
        connection = self._pool.make_connection()
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            own_id = connection.read_response()
            connection.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", "PREFIX", self._prefix
            )
            connection.read_response()
            connection.send_command("SUBSCRIBE", CHANNEL)
            connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        return connection
