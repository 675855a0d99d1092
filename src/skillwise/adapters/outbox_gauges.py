"""Measures the outbox backlog when /metrics is scraped, so no timer has to keep it fresh."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from skillwise.adapters import metrics
from skillwise.adapters.db.tables.core import outbox
from skillwise.application.shared.clock import Clock

log = logging.getLogger(__name__)


class OutboxGauges:
    """Sets the backlog and oldest-age gauges from one query over undelivered messages; the
    (delivered_at, created_at) index answers it without reading the delivered history."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def __call__(self) -> None:
        query = select(func.count(), func.min(outbox.c.created_at)).where(
            outbox.c.delivered_at.is_(None)
        )
        try:
            with self._engine.connect() as connection:
                backlog, oldest = connection.execute(query).one()
        except SQLAlchemyError:
            # A scrape during an outage still reports the requests that failed because of it.
            log.warning("outbox not measured: the database did not answer", exc_info=True)
            return
        metrics.outbox_backlog.set(backlog)
        age = (self._clock.now() - oldest).total_seconds() if oldest else 0.0
        metrics.outbox_oldest_age.set(max(age, 0.0))
