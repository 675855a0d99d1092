"""The `skillwise` command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading

import click

from skillwise.containers import Container
from skillwise.settings import ConfigurationError, Settings


def _container() -> Container:
    try:
        settings = Settings.from_env()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
    container = Container()
    container.infra.settings.override(settings)
    return container


@click.group()
def main() -> None:
    """SkillWise: the course-selling API."""


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply the migrations up to REVISION."""
    from skillwise.adapters.db.migrate import upgrade

    settings = _container().infra.settings()
    upgrade(settings.database_url, revision)
    click.echo(f"database at {revision}")


@main.command()
def openapi() -> None:
    """Print the OpenAPI 3 document."""
    from skillwise.entrypoints.http.app import create_app

    app = create_app(_container())
    click.echo(json.dumps(app.extensions["skillwise_api"].spec.to_dict(), indent=2))


@main.group()
def outbox() -> None:
    """Side effects recorded for delivery after commit."""


@outbox.command("relay")
@click.option("--older-than", default=60, show_default=True, help="seconds")
def outbox_relay(older_than: int) -> None:
    """Hand undelivered outbox messages to the task queue again."""
    count = _container().infra.relay_stale_outbox()(older_than_seconds=older_than)
    click.echo(f"relayed {count} message(s)")


@main.command()
@click.option("--workers", type=int, default=None, help="gunicorn worker processes")
@click.option("--threads", type=int, default=4, show_default=True)
@click.option(
    "--with-worker/--without-worker",
    default=None,
    help="Also run the task worker (default: when SKILLWISE_REDIS_URL is set).",
)
def serve(workers: int | None, threads: int, with_worker: bool | None) -> None:
    """Serve the API with gunicorn on HOST:PORT."""
    from gunicorn.app.base import BaseApplication

    from skillwise.entrypoints.http.app import create_app_to_serve

    container = _container()
    settings = container.infra.settings()
    if with_worker is None:
        with_worker = bool(settings.redis_url)
    if with_worker and not settings.redis_url:
        raise click.ClickException("a separate worker needs SKILLWISE_REDIS_URL")
    # Without Redis the cache and the task queue live in the process: one worker keeps them whole.
    if workers is None:
        workers = int(os.environ.get("WEB_CONCURRENCY", 2 if settings.redis_url else 1))
    elif workers > 1 and not settings.redis_url:
        raise click.ClickException("more than one worker process needs SKILLWISE_REDIS_URL")

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{settings.host}:{settings.port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 60)

        def load(self):
            return create_app_to_serve(container)

    worker_process = None
    if with_worker:
        worker_process = subprocess.Popen(
            [sys.executable, "-m", "skillwise.entrypoints.cli", "worker"]
        )
    try:
        click.echo(f"SkillWise API on http://{settings.host}:{settings.port}/api/v1/docs/")
        Server().run()
    finally:
        if worker_process is not None:
            worker_process.send_signal(signal.SIGTERM)
            try:
                worker_process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker_process.kill()


@main.command()
@click.option("--processes", default=1, show_default=True)
@click.option("--threads", default=4, show_default=True)
@click.option("--relay-every", default=30, show_default=True, help="seconds between outbox relays")
def worker(processes: int, threads: int, relay_every: int) -> None:
    """Run the dramatiq worker (needs SKILLWISE_REDIS_URL) and the scheduled jobs: the outbox
    relay, payment reconciliation and the token purge, each once per tick across workers."""
    from skillwise.entrypoints.schedule import worker_scheduler

    container = _container()
    if not container.infra.settings().redis_url:
        raise click.ClickException(
            "SKILLWISE_REDIS_URL is not set: tasks run inside the web process, no worker needed."
        )
    dramatiq_process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dramatiq",
            "skillwise.entrypoints.worker",
            "--processes",
            str(processes),
            "--threads",
            str(threads),
        ]
    )
    stopping = threading.Event()

    def stop(*_: object) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler = worker_scheduler(container, relay_every=relay_every)
    while not stopping.is_set() and dramatiq_process.poll() is None:
        try:
            scheduler.run_due()
        except Exception as error:  # the schedule must outlive a database blip
            click.echo(f"scheduled jobs failed: {error}", err=True)
        stopping.wait(1)
    if dramatiq_process.poll() is None:
        dramatiq_process.send_signal(signal.SIGTERM)
        try:
            dramatiq_process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            dramatiq_process.kill()
    sys.exit(dramatiq_process.returncode or 0)


@main.command("create-admin")
@click.option("--email", required=True)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="At least 10 characters of more than one kind. Asked for when left out.",
)
@click.option("--full-name", default=None, help='Defaults to "Administrator".')
def create_admin(email: str, password: str, full_name: str | None) -> None:
    """Create a verified admin, or promote the existing account with this EMAIL.

    An existing account is promoted only when PASSWORD is its current password.
    """
    from skillwise.domain.errors import DomainError

    try:
        outcome = _container().accounts.create_admin()(
            email=email, password=password, full_name=full_name
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    action = "created admin" if outcome.created else "promoted to admin"
    click.echo(f"{action} {outcome.user.email} (id {outcome.user.id})")


@main.group()
def accounts() -> None:
    """Accounts and their tokens."""


@accounts.command("purge-tokens")
def accounts_purge_tokens() -> None:
    """Delete expired verification, reset and refresh tokens (run it daily from cron)."""
    purged = _container().accounts.purge_expired_tokens()()
    click.echo(
        f"purged {purged.one_time_tokens} one-time and {purged.refresh_tokens} refresh token(s)"
    )


@main.group()
def payments() -> None:
    """Payments and their gateways."""


@payments.command("reconcile")
@click.option(
    "--older-than", default=30, show_default=True, help="minutes a payment has been pending"
)
@click.option("--apply", is_flag=True, help="Apply what the gateways say (default: report only).")
@click.option("--limit", default=500, show_default=True, help="payments checked at most")
def payments_reconcile(older_than: int, apply: bool, limit: int) -> None:
    """Ask the gateways about payments left pending, as when a webhook never arrived."""
    lines = _container().payments.reconcile_payments()(
        older_than_minutes=older_than, apply=apply, limit=limit
    )
    for line in lines:
        says = line.gateway_says or "-"
        click.echo(f"{line.payment_id}  {line.gateway:<10}  {says:<15}  {line.action}")
    suffix = "" if apply else " (report only: --apply changes them)"
    click.echo(f"{len(lines)} pending payment(s) checked{suffix}")


@main.command("seed-demo")
@click.option(
    "--courses",
    default=60,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many demo courses the catalog should hold (more for load tests).",
)
def seed_demo(courses: int) -> None:
    """Create the demo accounts and a realistic demo catalog; running it again adds only what
    is missing."""
    from skillwise.adapters.db.locks import SEED_LOCK_KEY, advisory_lock
    from skillwise.adapters.db.statistics import refresh_statistics
    from skillwise.entrypoints.demo.accounts import DEMO_ACCOUNTS, GUEST_TEACHERS
    from skillwise.entrypoints.demo.seeder import DemoSeeder

    container = _container()
    # Instances starting together seed one after the other; the later ones find it done.
    with advisory_lock(container.infra.settings().database_url, SEED_LOCK_KEY):
        report = DemoSeeder(
            uow_factory=container.infra.uow,
            hasher=container.accounts.password_hasher(),
            clock=container.infra.clock(),
        )(courses=courses)
    refresh_statistics(container.infra.engine())
    click.echo(
        f"demo catalog: {report.courses_created} course(s) and {report.lessons_created} "
        f"lesson(s) added, {len(report.accounts_created)} account(s) created "
        f"({report.courses_total} demo courses requested)"
    )
    click.echo("demo accounts (verified emails):")
    for account in DEMO_ACCOUNTS:
        click.echo(f"  {account.role.value:<10}  {account.email:<28}  {account.password}")
    others = ", ".join(f"{handle}@skillwise.local" for _, handle, _ in GUEST_TEACHERS)
    click.echo(f"  more instructors, same password as instructor@: {others}")


if __name__ == "__main__":
    main()
