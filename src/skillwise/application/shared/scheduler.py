"""Jobs that run on a schedule once across all workers, not once in every worker."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from skillwise.application.shared.clock import Clock

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScheduledJob:
    name: str
    every_seconds: int
    run: Callable[[], object]


class TickClaims(Protocol):
    """Decides, across every worker sharing the database, which one runs a job's tick."""

    def claim(self, job: str, tick: int) -> bool:
        """True for exactly one caller per (job, tick): that one runs it."""
        ...


class Scheduler:
    """Time is cut into ticks of each job's period, counted from the epoch, so every worker
    agrees which tick it is; each worker asks for every tick, and the claim decides who runs
    it. A job that fails is logged and tried again on its next tick."""

    def __init__(self, jobs: Sequence[ScheduledJob], claims: TickClaims, clock: Clock) -> None:
        self._jobs = jobs
        self._claims = claims
        self._clock = clock
        self._asked: dict[str, int] = {}

    def run_due(self) -> list[str]:
        """Run the jobs whose tick this worker has not asked for yet and wins; their names."""
        now = self._clock.now().timestamp()
        ran = []
        for job in self._jobs:
            tick = int(now // job.every_seconds)
            if self._asked.get(job.name) == tick:
                continue
            self._asked[job.name] = tick
            if not self._claims.claim(job.name, tick):
                continue
            ran.append(job.name)
            try:
                job.run()
            except Exception:  # one failing job must not stop the others
                log.exception("scheduled job %s failed", job.name)
        return ran
