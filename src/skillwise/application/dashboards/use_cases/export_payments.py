"""ExportPayments: every payment of a window, for an admin's books."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from skillwise.application.dashboards.exports import ExportQueries, PaymentLine
from skillwise.application.dashboards.window import resolve_window
from skillwise.application.shared.clock import Clock
from skillwise.domain.identity import Actor


class ExportPayments:
    """Checks the caller and the window at once; the rows are read as they are consumed."""

    def __init__(self, queries: ExportQueries, clock: Clock) -> None:
        self._queries = queries
        self._clock = clock

    def __call__(
        self, actor: Actor, first: date | None = None, last: date | None = None
    ) -> Iterator[PaymentLine]:
        actor.ensure_is_admin("export the payments")
        window = resolve_window(first, last, self._clock.now().date())
        return self._queries.payment_lines(window)
