"""What the benchmark scripts share: throwaway databases and a timing loop that prints."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

from sqlalchemy import create_engine, text

from skillwise.adapters.db.engine import normalise_url


@contextmanager
def sqlite_database(workdir: Path) -> Iterator[str]:
    yield f"sqlite:///{workdir / 'benchmark.db'}"


@contextmanager
def postgres_database(base_url: str) -> Iterator[str]:
    base = normalise_url(base_url)
    name = f"skillwise_bench_{os.getpid()}_{uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def measure(
    label: str, requests: int, call: Callable[[int], int], *, expect: int = 200, warm_up: int = 20
) -> None:
    """Call `call(n)` `requests` times after a warm-up (negative n) and print rate and latency."""
    for number in range(min(warm_up, requests)):
        call(-1 - number)
    timings = []
    started = time.perf_counter()
    for number in range(requests):
        before = time.perf_counter()
        status = call(number)
        timings.append(time.perf_counter() - before)
        if status != expect:
            raise SystemExit(f"{label}: status {status}")
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(timings, n=100)
    print(
        f"  {label:<34} {requests / elapsed:8.0f} req/s   "
        f"p50 {cuts[49] * 1000:6.2f} ms   p95 {cuts[94] * 1000:6.2f} ms"
    )
