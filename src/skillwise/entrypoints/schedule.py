"""What `skillwise worker` runs on a schedule, each job once per tick across all workers."""

from __future__ import annotations

from skillwise.application.shared.scheduler import ScheduledJob, Scheduler
from skillwise.containers import Container

RECONCILE_EVERY_SECONDS = 10 * 60
# Pending this long without a webhook, a payment is asked about at its gateway.
RECONCILE_OLDER_THAN_MINUTES = 30
PURGE_TOKENS_EVERY_SECONDS = 6 * 60 * 60
# How often open payments past SKILLWISE_PAYMENT_EXPIRY_MINUTES are canceled.
EXPIRE_PAYMENTS_EVERY_SECONDS = 5 * 60
# How soon after a coupon's starts_at its wishers hear of it.
ANNOUNCE_COUPONS_EVERY_SECONDS = 5 * 60


def worker_scheduler(container: Container, *, relay_every: int) -> Scheduler:
    infra = container.infra

    def relay_outbox() -> None:
        infra.relay_stale_outbox()(older_than_seconds=relay_every)

    def reconcile_payments() -> None:
        container.payments.reconcile_payments()(
            older_than_minutes=RECONCILE_OLDER_THAN_MINUTES, apply=True, limit=500
        )

    def purge_tokens() -> None:
        container.accounts.purge_expired_tokens()()

    def expire_payments() -> None:
        container.payments.expire_open_payments()(limit=500)

    def announce_coupons() -> None:
        container.coupons.announce_started_coupons()(limit=200)

    jobs = [
        ScheduledJob("outbox-relay", relay_every, relay_outbox),
        ScheduledJob("payments-reconcile", RECONCILE_EVERY_SECONDS, reconcile_payments),
        ScheduledJob("accounts-purge-tokens", PURGE_TOKENS_EVERY_SECONDS, purge_tokens),
        ScheduledJob("payments-expire", EXPIRE_PAYMENTS_EVERY_SECONDS, expire_payments),
        ScheduledJob("coupons-announce", ANNOUNCE_COUPONS_EVERY_SECONDS, announce_coupons),
    ]
    return Scheduler(jobs, claims=infra.tick_claims(), clock=infra.clock())
