"""The Prometheus metrics every part of the service records into.

Adapters and entrypoints import these objects and call them directly, e.g.
`metrics.payment_events.labels(outcome="applied").inc()`; application code stays free of
prometheus-client. With PROMETHEUS_MULTIPROC_DIR set (gunicorn, dramatiq processes) each
process writes its values to files there and a scrape sums them; the variable has to be set
before this module is first imported.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

NAMESPACE = "skillwise"

http_requests = Counter(
    "http_requests",
    "HTTP requests answered, by URL rule, method and status.",
    ["endpoint", "method", "status"],
    namespace=NAMESPACE,
)
http_request_duration = Histogram(
    "http_request_duration_seconds",
    "Time from the first request hook to the answer, by URL rule, method and status.",
    ["endpoint", "method", "status"],
    namespace=NAMESPACE,
)
payment_events = Counter(
    "payment_events",
    "Gateway events received, by what applying them did (applied, duplicate, ignored ...).",
    ["outcome"],
    namespace=NAMESPACE,
)
outbox_backlog = Gauge(
    "outbox_backlog_messages",
    "Outbox messages not yet handed to the task queue, as last counted.",
    namespace=NAMESPACE,
    multiprocess_mode="mostrecent",
)
outbox_oldest_age = Gauge(
    "outbox_oldest_message_age_seconds",
    "Age of the oldest undelivered outbox message, as last measured.",
    namespace=NAMESPACE,
    multiprocess_mode="mostrecent",
)
worker_job_failures = Counter(
    "worker_job_failures",
    "Background jobs that raised, by actor.",
    ["actor"],
    namespace=NAMESPACE,
)
