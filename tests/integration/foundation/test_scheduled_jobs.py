"""Workers sharing a PostgreSQL database run each scheduled job once per tick between them."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from skillwise.adapters.db.locks import PostgresTickClaims
from skillwise.application.shared.scheduler import ScheduledJob, Scheduler
from tests.fakes.basics import FixedClock

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

TICKS = 20


def test_two_schedulers_racing_on_one_database_run_a_job_once_per_tick(stack):
    clock = FixedClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    runs: list[tuple[str, datetime]] = []
    lock = threading.Lock()

    def job(worker: str):
        def run() -> None:
            with lock:
                runs.append((worker, clock.now()))

        return run

    claims = [PostgresTickClaims(stack.database_url) for _ in range(2)]
    schedulers = [
        Scheduler([ScheduledJob("relay", 30, job(name))], claim, clock)
        for name, claim in zip(("a", "b"), claims, strict=True)
    ]
    start = threading.Barrier(2)
    done = threading.Barrier(2, action=lambda: clock.advance(seconds=30))

    def worker(scheduler: Scheduler) -> None:
        for _ in range(TICKS):
            start.wait(timeout=10)
            # Twice in the tick, as a loop that looks every second would.
            scheduler.run_due()
            scheduler.run_due()
            done.wait(timeout=10)

    threads = [threading.Thread(target=worker, args=(s,)) for s in schedulers]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for claim in claims:
            claim.close()

    ticks = [at for _, at in runs]
    assert len(runs) == TICKS and len(set(ticks)) == TICKS
    winners = {worker for worker, _ in runs}
    print(f"{TICKS} ticks, runs per worker:", {w: sum(r[0] == w for r in runs) for w in winners})


def test_a_worker_reaching_a_tick_after_the_winner_finished_does_not_run_it_again(stack):
    clock = FixedClock(datetime(2026, 11, 26, 10, 0, 5, tzinfo=UTC))
    runs: list[str] = []
    early, late = PostgresTickClaims(stack.database_url), PostgresTickClaims(stack.database_url)
    try:
        first = Scheduler([ScheduledJob("purge", 60, lambda: runs.append("early"))], early, clock)
        second = Scheduler([ScheduledJob("purge", 60, lambda: runs.append("late"))], late, clock)
        first.run_due()
        clock.advance(seconds=50)
        second.run_due()
        clock.advance(seconds=10)
        first.run_due()
        second.run_due()
        assert runs == ["early", "early"]
    finally:
        early.close()
        late.close()
