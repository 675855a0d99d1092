"""GetPlatformAnalytics: platform-wide figures for admins."""

from __future__ import annotations

from datetime import date

from skillwise.application.dashboards.ports import (
    RECENT,
    TOP,
    DashboardQueries,
    PlatformAnalytics,
)
from skillwise.application.dashboards.window import resolve_window
from skillwise.application.shared.clock import Clock
from skillwise.domain.identity import Actor


class GetPlatformAnalytics:
    """All-time totals, the top lists of the last 30 days, and trends over a window of days."""

    def __init__(self, queries: DashboardQueries, clock: Clock) -> None:
        self._queries = queries
        self._clock = clock

    def __call__(
        self, actor: Actor, first: date | None = None, last: date | None = None
    ) -> PlatformAnalytics:
        actor.ensure_is_admin("see the platform's analytics")
        now = self._clock.now()
        window = resolve_window(first, last, now.date())
        return PlatformAnalytics(
            window=window,
            stats=self._queries.platform_stats(now - RECENT, TOP),
            insights=self._queries.platform_insights(window, TOP),
        )
