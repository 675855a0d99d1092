"""Counts the background jobs that raised, by actor, in the worker processes."""

from __future__ import annotations

from typing import Any

import dramatiq

from skillwise.adapters import metrics


class CountFailures(dramatiq.Middleware):
    """Every raising attempt counts, retried or not: a job that fails then succeeds on a
    retry still shows the trouble it had."""

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: dramatiq.Message[Any],
        *,
        result: Any = None,
        exception: BaseException | None = None,
    ) -> None:
        if exception is not None:
            metrics.worker_job_failures.labels(actor=message.actor_name).inc()
