"""GetPlatformAnalytics: platform-wide figures for admins."""

from __future__ import annotations

from skillwise.application.dashboards.ports import RECENT, TOP, DashboardQueries, PlatformStats
from skillwise.application.shared.clock import Clock
from skillwise.domain.identity import Actor


class GetPlatformAnalytics:
    """Users, courses, enrollments, money and the top lists of the last 30 days."""

    def __init__(self, queries: DashboardQueries, clock: Clock) -> None:
        self._queries = queries
        self._clock = clock

    def __call__(self, actor: Actor) -> PlatformStats:
        actor.ensure_is_admin("see the platform's analytics")
        return self._queries.platform_stats(self._clock.now() - RECENT, TOP)
