"""ExportEarnings: the caller's own ledger entries of a window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from skillwise.application.dashboards.exports import EarningLine, ExportQueries
from skillwise.application.dashboards.window import resolve_window
from skillwise.application.shared.clock import Clock
from skillwise.domain.identity import Actor


class ExportEarnings:
    """Only ever the caller's ledger; the window is checked at once, rows read lazily."""

    def __init__(self, queries: ExportQueries, clock: Clock) -> None:
        self._queries = queries
        self._clock = clock

    def __call__(
        self, actor: Actor, first: date | None = None, last: date | None = None
    ) -> Iterator[EarningLine]:
        window = resolve_window(first, last, self._clock.now().date())
        return self._queries.earning_lines(actor.user_id, window)
