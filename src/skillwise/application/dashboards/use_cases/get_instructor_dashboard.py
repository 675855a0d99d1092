"""GetInstructorDashboard: an instructor's courses, students, ratings and net earnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from skillwise.application.dashboards.ports import (
    RECENT,
    DashboardQueries,
    InstructorInsights,
    InstructorStats,
)
from skillwise.application.dashboards.window import Window, resolve_window
from skillwise.application.shared.clock import Clock
from skillwise.domain.identity import Actor


@dataclass(frozen=True, slots=True)
class InstructorDashboard:
    stats: InstructorStats
    currency: str
    total_earnings: int
    window: Window
    insights: InstructorInsights


class GetInstructorDashboard:
    """An instructor's courses, students, ratings and net earnings at a glance.

    `total_earnings` is given in the currency the instructor has earned most in (net), so a
    single figure is honest; every currency is listed in `earnings`.
    """

    def __init__(self, queries: DashboardQueries, clock: Clock, default_currency: str = "USD"):
        self._queries = queries
        self._clock = clock
        self._default_currency = default_currency

    def __call__(
        self, actor: Actor, first: date | None = None, last: date | None = None
    ) -> InstructorDashboard:
        now = self._clock.now()
        window = resolve_window(first, last, now.date())
        stats = self._queries.instructor_stats(actor.user_id, now - RECENT)
        main = max(stats.earnings, key=lambda e: (e.net, e.currency), default=None)
        return InstructorDashboard(
            stats=stats,
            currency=main.currency if main else self._default_currency,
            total_earnings=main.net if main else 0,
            window=window,
            insights=self._queries.instructor_insights(actor.user_id, window),
        )
