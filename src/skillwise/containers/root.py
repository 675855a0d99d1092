"""Infrastructure only: configuration, database, cache, queue, mail, push, storage, gateways.

Subject containers receive this one as their `infra` dependency and add their use cases.
"""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.cache.invalidation_feed import InvalidationFeed
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.cache.memory import InMemoryCache
from skillwise.adapters.cache.redis_cache import RedisCache
from skillwise.adapters.clock import SystemClock
from skillwise.adapters.db.engine import build_engine, build_session_factory
from skillwise.adapters.db.locks import PostgresTickClaims, UnsharedTickClaims, is_postgres
from skillwise.adapters.db.replica import build_replica_engine, read_sessions
from skillwise.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from skillwise.adapters.health import ReadinessCheck
from skillwise.adapters.outbox_gauges import OutboxGauges
from skillwise.adapters.redis_client import build_redis_client
from skillwise.adapters.tasks.dramatiq_queue import DramatiqTaskQueue, build_broker, declare_actors
from skillwise.adapters.tasks.in_process import InProcessTaskQueue
from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.notifications.delivery import PUSH_TOPIC, SendPush
from skillwise.application.payments.receipts import RECEIPT_TOPIC
from skillwise.application.payments.use_cases.send_receipt import SendReceipt
from skillwise.application.shared.effects import AfterCommit
from skillwise.application.shared.email import EMAIL_TOPIC, SendEmail
from skillwise.application.shared.use_cases.deliver_outbox_message import (
    DeliverOutboxMessage,
    RelayStaleOutbox,
)
from skillwise.containers.gateways import Gateways
from skillwise.containers.messaging import Messaging
from skillwise.containers.storage import Storage
from skillwise.settings import Settings


def _redis_or_memory(settings: Settings) -> str:
    return "redis" if settings.redis_url else "memory"


def _task_backend(settings: Settings) -> str:
    if settings.task_backend != "auto":
        return settings.task_backend
    return "dramatiq" if settings.redis_url else "in_process"


def _optional_redis(settings: Settings):
    return build_redis_client(settings.redis_url) if settings.redis_url else None


def local_copies(
    client, settings: Settings, *, namespace: str, prefix: str, share: float = 1.0
) -> LocallyCopiedCache:
    """Redis keys under `namespace` + `prefix`, copied in this process within `share` of
    SKILLWISE_LOCAL_CACHE_MB and invalidated by Redis itself."""
    return LocallyCopiedCache(
        RedisCache(client=client, prefix=settings.redis_prefix, namespace=namespace),
        feed_for=lambda redis_prefix: InvalidationFeed(settings.redis_url, redis_prefix),
        prefix=prefix,
        max_bytes=int(settings.local_cache_mb * 1024 * 1024 * share),
    )


def _shared_cache(client, settings: Settings) -> RedisCache | LocallyCopiedCache:
    if not settings.local_cache_mb:
        return RedisCache(client=client, prefix=settings.redis_prefix)
    return local_copies(client, settings, namespace="cache:", prefix="catalog:")


def _tick_claims(settings: Settings) -> PostgresTickClaims | UnsharedTickClaims:
    if is_postgres(settings.database_url):
        return PostgresTickClaims(settings.database_url)
    return UnsharedTickClaims()


class Infrastructure(containers.DeclarativeContainer):
    settings = providers.Singleton(Settings.from_env)
    clock = providers.Singleton(SystemClock)

    engine = providers.Singleton(build_engine, database_url=settings.provided.database_url)
    session_factory = providers.Singleton(build_session_factory, engine=engine)
    # Pure read models only; see adapters/db/replica.py for what may read a replica.
    replica_engine = providers.Singleton(
        build_replica_engine, settings.provided.database_replica_url
    )
    read_session_factory = providers.Singleton(
        read_sessions, replica_engine=replica_engine, primary=session_factory
    )
    streaming_read_session_factory = providers.Singleton(
        read_sessions, replica_engine=replica_engine, primary=session_factory, autocommit=False
    )
    redis_client = providers.Singleton(_optional_redis, settings)
    tick_claims = providers.Singleton(_tick_claims, settings)
    outbox_gauges = providers.Factory(OutboxGauges, engine=engine, clock=clock)
    readiness_check = providers.Factory(
        ReadinessCheck, engine=engine, redis_client=redis_client, replica_engine=replica_engine
    )

    cache = providers.Selector(
        providers.Callable(_redis_or_memory, settings),
        memory=providers.Singleton(InMemoryCache),
        redis=providers.Singleton(_shared_cache, client=redis_client, settings=settings),
    )
    catalog_cache = providers.Factory(CatalogCache, cache=cache)

    messaging = providers.Container(Messaging, settings=settings)
    mailer = messaging.mailer
    push_sender = messaging.push_sender
    unsubscribe_links = messaging.unsubscribe_links
    invoice_renderer = messaging.invoice_renderer
    storage = providers.Container(Storage, settings=settings)
    file_storage = storage.file_storage
    direct_upload_storage = storage.direct_upload_storage
    gateways = providers.Container(Gateways, settings=settings)
    payment_gateways = gateways.registry
    fake_checkout_signer = gateways.fake_checkout_signer

    uow = providers.Factory(SqlAlchemyUnitOfWork, session_factory=session_factory)

    # Outbox topics and the handlers that deliver them, run by the task queue.
    outbox_handlers = providers.Dict(
        {
            EMAIL_TOPIC: providers.Factory(
                SendEmail, mailer=mailer, unsubscribe_links=unsubscribe_links
            ),
            RECEIPT_TOPIC: providers.Factory(
                SendReceipt,
                mailer=mailer,
                renderer=invoice_renderer,
                unsubscribe_links=unsubscribe_links,
            ),
            PUSH_TOPIC: providers.Factory(SendPush, sender=push_sender, clock=clock),
        },
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
    uow.add_kwargs(
        after_commit=providers.Factory(
            AfterCommit, catalog_cache=catalog_cache, task_queue=task_queue
        )
    )
    relay_stale_outbox = providers.Factory(
        RelayStaleOutbox,
        uow=uow,
        enqueue=task_queue.provided.deliver_outbox_message,
        clock=clock,
    )
