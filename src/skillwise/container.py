"""The composition root: every port gets its adapter here, chosen by configuration."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.cache.memory import InMemoryCache
from skillwise.adapters.cache.redis_cache import RedisCache
from skillwise.adapters.clock import SystemClock
from skillwise.adapters.db.engine import build_engine, build_session_factory
from skillwise.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from skillwise.adapters.email.console import ConsoleMailer
from skillwise.adapters.health import ReadinessCheck
from skillwise.adapters.redis_client import build_redis_client
from skillwise.adapters.tasks.dramatiq_queue import (
    DramatiqTaskQueue,
    build_broker,
    declare_actors,
)
from skillwise.adapters.tasks.in_process import InProcessTaskQueue
from skillwise.application.catalog_cache import CatalogCache
from skillwise.application.email import EMAIL_TOPIC, SendEmail
from skillwise.application.use_cases.deliver_outbox_message import (
    DeliverOutboxMessage,
    RelayStaleOutbox,
)
from skillwise.settings import Settings


def _redis_or_memory(settings: Settings) -> str:
    return "redis" if settings.redis_url else "memory"


def _task_backend(settings: Settings) -> str:
    if settings.task_backend != "auto":
        return settings.task_backend
    return "dramatiq" if settings.redis_url else "in_process"


def _optional_redis(settings: Settings):
    return build_redis_client(settings.redis_url) if settings.redis_url else None


class Container(containers.DeclarativeContainer):
    settings = providers.Singleton(Settings.from_env)

    clock = providers.Singleton(SystemClock)

    engine = providers.Singleton(build_engine, database_url=settings.provided.database_url)
    session_factory = providers.Singleton(build_session_factory, engine=engine)
    redis_client = providers.Singleton(_optional_redis, settings)

    cache = providers.Selector(
        providers.Callable(_redis_or_memory, settings),
        memory=providers.Singleton(InMemoryCache),
        redis=providers.Singleton(
            RedisCache, client=redis_client, prefix=settings.provided.redis_prefix
        ),
    )

    mailer = providers.Selector(
        settings.provided.email_backend,
        console=providers.Singleton(ConsoleMailer, sender=settings.provided.email_from),
    )

    uow = providers.Factory(SqlAlchemyUnitOfWork, session_factory=session_factory)

    outbox_handlers = providers.Dict(
        {EMAIL_TOPIC: providers.Factory(SendEmail, mailer=mailer)},
    )
    deliver_outbox_message = providers.Factory(
        DeliverOutboxMessage, uow=uow, handlers=outbox_handlers, clock=clock
    )

    broker = providers.Singleton(
        build_broker,
        redis_url=settings.provided.redis_url,
        prefix=settings.provided.redis_prefix,
    )
    deliver_actor = providers.Singleton(
        declare_actors, broker=broker, deliver=deliver_outbox_message.provider
    )
    task_queue = providers.Selector(
        providers.Callable(_task_backend, settings),
        in_process=providers.Singleton(InProcessTaskQueue, deliver=deliver_outbox_message.provider),
        dramatiq=providers.Singleton(DramatiqTaskQueue, actor=deliver_actor),
    )
    uow.add_kwargs(task_queue=task_queue)

    relay_stale_outbox = providers.Factory(
        RelayStaleOutbox,
        uow=uow,
        enqueue=task_queue.provided.deliver_outbox_message,
        clock=clock,
    )

    catalog_cache = providers.Factory(CatalogCache, cache=cache)

    readiness_check = providers.Factory(ReadinessCheck, engine=engine, redis_client=redis_client)

    # Providers by subject, in dependency order: later subjects may refer to earlier ones.
    # --- accounts ---

    # --- catalog ---

    # --- learning ---

    # --- payments ---
