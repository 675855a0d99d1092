"""The scheduler: each job once per tick of its period, whoever wins the tick runs it."""

from __future__ import annotations

from datetime import UTC, datetime

from skillwise.application.shared.scheduler import ScheduledJob, Scheduler
from tests.fakes.basics import FixedClock


class SharedClaims:
    """Claims as one database would hand them out to every worker."""

    def __init__(self) -> None:
        self.claimed: set[tuple[str, int]] = set()

    def claim(self, job: str, tick: int) -> bool:
        if (job, tick) in self.claimed:
            return False
        self.claimed.add((job, tick))
        return True


def at_tick_start() -> FixedClock:
    return FixedClock(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))


def test_a_job_runs_once_per_tick_however_often_the_worker_looks():
    clock, runs = at_tick_start(), []
    scheduler = Scheduler(
        [ScheduledJob("relay", 30, lambda: runs.append(clock.now()))], SharedClaims(), clock
    )
    for _ in range(90):
        scheduler.run_due()
        clock.advance(seconds=1)
    assert len(runs) == 3


def test_of_two_workers_only_the_first_to_claim_a_tick_runs_it():
    clock, claims, runs = at_tick_start(), SharedClaims(), []
    first = Scheduler([ScheduledJob("relay", 30, lambda: runs.append("first"))], claims, clock)
    second = Scheduler([ScheduledJob("relay", 30, lambda: runs.append("second"))], claims, clock)
    assert first.run_due() == ["relay"]
    assert second.run_due() == []
    clock.advance(seconds=30)
    assert second.run_due() == ["relay"]
    assert first.run_due() == []
    assert runs == ["first", "second"]


def test_a_failing_job_does_not_keep_the_others_from_running():
    clock, ran = at_tick_start(), []

    def broken() -> None:
        raise RuntimeError("database blip")

    scheduler = Scheduler(
        [ScheduledJob("broken", 60, broken), ScheduledJob("purge", 60, lambda: ran.append(1))],
        SharedClaims(),
        clock,
    )
    assert scheduler.run_due() == ["broken", "purge"]
    assert ran == [1]
