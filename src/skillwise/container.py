"""The composition root: every port gets its adapter here, chosen by configuration."""

from __future__ import annotations

import hmac
from datetime import timedelta
from pathlib import Path

from dependency_injector import containers, providers

from skillwise.adapters.blocklist.database import DatabaseTokenBlocklist
from skillwise.adapters.blocklist.redis_blocklist import RedisTokenBlocklist
from skillwise.adapters.cache.memory import InMemoryCache
from skillwise.adapters.cache.redis_cache import RedisCache
from skillwise.adapters.clock import SystemClock
from skillwise.adapters.db.engine import build_engine, build_session_factory
from skillwise.adapters.db.queries.catalog import SqlCourseQueries
from skillwise.adapters.db.queries.dashboards import SqlDashboardQueries
from skillwise.adapters.db.queries.learning import SqlLearningQueries
from skillwise.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from skillwise.adapters.email.console import ConsoleMailer
from skillwise.adapters.email.smtp import SmtpMailer
from skillwise.adapters.health import ReadinessCheck
from skillwise.adapters.invoices.pdf import FpdfInvoiceRenderer, find_unicode_font
from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.adapters.payments.registry import ConfiguredGateways
from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.adapters.payments.stripe_gateway import StripeGateway
from skillwise.adapters.redis_client import build_redis_client
from skillwise.adapters.security.argon2_hasher import Argon2PasswordHasher
from skillwise.adapters.security.jwt_tokens import JwtTokenIssuer
from skillwise.adapters.storage.local import LocalFileStorage
from skillwise.adapters.tasks.dramatiq_queue import (
    DramatiqTaskQueue,
    build_broker,
    declare_actors,
)
from skillwise.adapters.tasks.in_process import InProcessTaskQueue
from skillwise.application.catalog_cache import CatalogCache
from skillwise.application.email import EMAIL_TOPIC, SendEmail
from skillwise.application.use_cases.add_lesson import AddLesson
from skillwise.application.use_cases.add_module import AddModule
from skillwise.application.use_cases.complete_fake_checkout import CompleteFakeCheckout
from skillwise.application.use_cases.confirm_password_reset import ConfirmPasswordReset
from skillwise.application.use_cases.create_admin import CreateAdmin
from skillwise.application.use_cases.create_course import CreateCourse
from skillwise.application.use_cases.dashboards import (
    GetInstructorDashboard,
    GetPlatformAnalytics,
    ListCourseStudents,
)
from skillwise.application.use_cases.delete_attachment import DeleteAttachment
from skillwise.application.use_cases.delete_course import DeleteCourse
from skillwise.application.use_cases.delete_lesson import DeleteLesson
from skillwise.application.use_cases.delete_module import DeleteModule
from skillwise.application.use_cases.delete_review import DeleteReview
from skillwise.application.use_cases.delete_user import DeleteUser
from skillwise.application.use_cases.deliver_outbox_message import (
    DeliverOutboxMessage,
    RelayStaleOutbox,
)
from skillwise.application.use_cases.download_attachment import DownloadAttachment
from skillwise.application.use_cases.edit_review import EditReview
from skillwise.application.use_cases.enroll_in_course import EnrollInCourse
from skillwise.application.use_cases.file_report import FileReport
from skillwise.application.use_cases.get_course import GetCourse
from skillwise.application.use_cases.get_enrollment import GetEnrollment
from skillwise.application.use_cases.get_invoice import GetInvoice
from skillwise.application.use_cases.get_invoice_pdf import GetInvoicePdf
from skillwise.application.use_cases.get_payment import GetPayment
from skillwise.application.use_cases.get_payment_audit import GetPaymentAudit
from skillwise.application.use_cases.get_profile import GetProfile
from skillwise.application.use_cases.get_progress import GetProgress
from skillwise.application.use_cases.get_user import GetUser
from skillwise.application.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.use_cases.list_all_courses import ListAllCourses
from skillwise.application.use_cases.list_courses import ListCourses
from skillwise.application.use_cases.list_earnings import ListEarnings
from skillwise.application.use_cases.list_enrollments import ListEnrollments
from skillwise.application.use_cases.list_instructor_courses import ListInstructorCourses
from skillwise.application.use_cases.list_lessons import ListLessons
from skillwise.application.use_cases.list_modules import ListModules
from skillwise.application.use_cases.list_notifications import ListNotifications
from skillwise.application.use_cases.list_payment_history import ListPaymentHistory
from skillwise.application.use_cases.list_payments import ListPayments
from skillwise.application.use_cases.list_reports import ListReports
from skillwise.application.use_cases.list_reviews import ListReviews
from skillwise.application.use_cases.list_users import ListUsers
from skillwise.application.use_cases.log_in import LogIn
from skillwise.application.use_cases.log_out import LogOut
from skillwise.application.use_cases.mark_all_notifications_read import (
    MarkAllNotificationsRead,
)
from skillwise.application.use_cases.mark_notification_read import MarkNotificationRead
from skillwise.application.use_cases.post_review import PostReview
from skillwise.application.use_cases.purge_expired_tokens import PurgeExpiredTokens
from skillwise.application.use_cases.read_lesson import ReadLesson
from skillwise.application.use_cases.receive_webhook import ReceiveWebhook
from skillwise.application.use_cases.reconcile_payments import ReconcilePayments
from skillwise.application.use_cases.record_progress import RecordProgress
from skillwise.application.use_cases.refresh_session import RefreshSession
from skillwise.application.use_cases.refund_payment import RefundPayment
from skillwise.application.use_cases.register_user import RegisterUser
from skillwise.application.use_cases.request_password_reset import RequestPasswordReset
from skillwise.application.use_cases.resend_verification_email import (
    ResendVerificationEmail,
)
from skillwise.application.use_cases.resolve_report import ResolveReport
from skillwise.application.use_cases.return_from_sslcommerz import ReturnFromSslcommerz
from skillwise.application.use_cases.review_held_payment import ReviewHeldPayment
from skillwise.application.use_cases.send_receipt import RECEIPT_TOPIC, SendReceipt
from skillwise.application.use_cases.serve_cached_catalog import ServeCachedCatalog
from skillwise.application.use_cases.show_fake_checkout import ShowFakeCheckout
from skillwise.application.use_cases.start_payment import StartPayment
from skillwise.application.use_cases.update_course import UpdateCourse
from skillwise.application.use_cases.update_lesson import UpdateLesson
from skillwise.application.use_cases.update_module import UpdateModule
from skillwise.application.use_cases.update_profile import UpdateProfile
from skillwise.application.use_cases.update_user import UpdateUser
from skillwise.application.use_cases.upload_attachment import UploadAttachment
from skillwise.application.use_cases.verify_email import VerifyEmail
from skillwise.domain.payments import PlatformFee
from skillwise.settings import ConfigurationError, Settings


def _redis_or_memory(settings: Settings) -> str:
    return "redis" if settings.redis_url else "memory"


def _task_backend(settings: Settings) -> str:
    if settings.task_backend != "auto":
        return settings.task_backend
    return "dramatiq" if settings.redis_url else "in_process"


def _optional_redis(settings: Settings):
    return build_redis_client(settings.redis_url) if settings.redis_url else None


def _fake_gateway_secret(settings: Settings) -> str:
    """The fake gateway signs with a key of its own, derived from the app's secret."""
    return hmac.new(settings.secret_key.encode(), b"fake-gateway-webhooks", "sha256").hexdigest()


def _fake_gateway_enabled(settings: Settings) -> bool:
    return not settings.is_production


def _configured_gateways(settings: Settings, **providers_by_name):
    """The gateways with credentials: Stripe with all three keys, SSLCOMMERZ with a store id
    and password, the fake one outside production."""
    stripe_keys = (
        settings.stripe_secret_key,
        settings.stripe_publishable_key,
        settings.stripe_webhook_secret,
    )
    if any(stripe_keys) and not all(stripe_keys):
        raise ConfigurationError(
            "Stripe needs SKILLWISE_STRIPE_SECRET_KEY, SKILLWISE_STRIPE_PUBLISHABLE_KEY and "
            "SKILLWISE_STRIPE_WEBHOOK_SECRET together."
        )
    configured = {
        "fake": _fake_gateway_enabled(settings),
        "stripe": all(stripe_keys),
        "sslcommerz": bool(settings.sslcommerz_store_id and settings.sslcommerz_store_password),
    }
    return {name: provider for name, provider in providers_by_name.items() if configured[name]}


def _fake_checkout_signer(settings: Settings, fake_gateway):
    return fake_gateway() if _fake_gateway_enabled(settings) else None


def _attachments_dir(settings: Settings) -> Path:
    return settings.var_dir / "attachments"


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
        smtp=providers.Singleton(
            SmtpMailer,
            host=settings.provided.smtp_host,
            port=settings.provided.smtp_port,
            sender=settings.provided.email_from,
            user=settings.provided.smtp_user,
            password=settings.provided.smtp_password,
            security=settings.provided.smtp_security,
            timeout_seconds=settings.provided.smtp_timeout_seconds,
        ),
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
    password_hasher = providers.Singleton(
        Argon2PasswordHasher, profile=settings.provided.password_hash_profile
    )
    access_token_lifetime = providers.Singleton(
        timedelta, minutes=settings.provided.access_token_minutes
    )
    refresh_token_lifetime = providers.Singleton(
        timedelta, days=settings.provided.refresh_token_days
    )
    token_issuer = providers.Singleton(
        JwtTokenIssuer,
        access_lifetime=access_token_lifetime,
        refresh_lifetime=refresh_token_lifetime,
    )
    token_blocklist = providers.Selector(
        providers.Callable(lambda s: "redis" if s.redis_url else "database", settings),
        database=providers.Singleton(
            DatabaseTokenBlocklist,
            engine=engine,
            clock=clock,
            access_lifetime=access_token_lifetime,
        ),
        redis=providers.Singleton(
            RedisTokenBlocklist,
            client=redis_client,
            clock=clock,
            access_lifetime=access_token_lifetime,
            prefix=settings.provided.redis_prefix,
        ),
    )
    public_url = settings.provided.public_url
    register_user = providers.Factory(
        RegisterUser, uow=uow, hasher=password_hasher, clock=clock, public_url=public_url
    )
    verify_email = providers.Factory(VerifyEmail, uow=uow, clock=clock)
    resend_verification_email = providers.Factory(
        ResendVerificationEmail, uow=uow, clock=clock, public_url=public_url
    )
    log_in = providers.Factory(
        LogIn, uow=uow, hasher=password_hasher, tokens=token_issuer, clock=clock
    )
    refresh_session = providers.Factory(RefreshSession, uow=uow, tokens=token_issuer, clock=clock)
    log_out = providers.Factory(
        LogOut, uow=uow, tokens=token_issuer, blocklist=token_blocklist, clock=clock
    )
    request_password_reset = providers.Factory(
        RequestPasswordReset, uow=uow, clock=clock, public_url=public_url
    )
    confirm_password_reset = providers.Factory(
        ConfirmPasswordReset,
        uow=uow,
        hasher=password_hasher,
        blocklist=token_blocklist,
        clock=clock,
    )
    get_profile = providers.Factory(GetProfile, uow=uow)
    update_profile = providers.Factory(UpdateProfile, uow=uow)
    get_user = providers.Factory(GetUser, uow=uow)
    list_users = providers.Factory(ListUsers, uow=uow)
    update_user = providers.Factory(UpdateUser, uow=uow, blocklist=token_blocklist, clock=clock)
    delete_user = providers.Factory(DeleteUser, uow=uow, blocklist=token_blocklist, clock=clock)
    purge_expired_tokens = providers.Factory(PurgeExpiredTokens, uow=uow, clock=clock)
    create_admin = providers.Factory(CreateAdmin, uow=uow, hasher=password_hasher, clock=clock)

    # --- catalog ---
    course_queries = providers.Factory(SqlCourseQueries, session_factory=session_factory)
    file_storage = providers.Singleton(
        LocalFileStorage, root=providers.Callable(_attachments_dir, settings)
    )
    serve_cached_catalog = providers.Factory(
        ServeCachedCatalog, cache=cache, catalog_cache=catalog_cache
    )
    create_course = providers.Factory(
        CreateCourse, uow=uow, clock=clock, queries=course_queries, catalog_cache=catalog_cache
    )
    update_course = providers.Factory(
        UpdateCourse, uow=uow, clock=clock, queries=course_queries, catalog_cache=catalog_cache
    )
    delete_course = providers.Factory(
        DeleteCourse,
        uow=uow,
        clock=clock,
        queries=course_queries,
        storage=file_storage,
        catalog_cache=catalog_cache,
    )
    get_course = providers.Factory(GetCourse, uow=uow, queries=course_queries)
    list_courses = providers.Factory(ListCourses, queries=course_queries)
    list_all_courses = providers.Factory(ListAllCourses, queries=course_queries)
    list_instructor_courses = providers.Factory(ListInstructorCourses, queries=course_queries)
    add_module = providers.Factory(AddModule, uow=uow, catalog_cache=catalog_cache)
    list_modules = providers.Factory(ListModules, uow=uow, queries=course_queries)
    update_module = providers.Factory(UpdateModule, uow=uow, catalog_cache=catalog_cache)
    delete_module = providers.Factory(
        DeleteModule, uow=uow, storage=file_storage, catalog_cache=catalog_cache
    )
    add_lesson = providers.Factory(AddLesson, uow=uow, clock=clock, catalog_cache=catalog_cache)
    list_lessons = providers.Factory(ListLessons, uow=uow)
    read_lesson = providers.Factory(ReadLesson, uow=uow)
    update_lesson = providers.Factory(
        UpdateLesson, uow=uow, clock=clock, catalog_cache=catalog_cache
    )
    delete_lesson = providers.Factory(
        DeleteLesson, uow=uow, storage=file_storage, catalog_cache=catalog_cache
    )
    upload_attachment = providers.Factory(
        UploadAttachment,
        uow=uow,
        storage=file_storage,
        clock=clock,
        catalog_cache=catalog_cache,
        max_bytes=settings.provided.max_attachment_bytes,
    )
    download_attachment = providers.Factory(DownloadAttachment, uow=uow, storage=file_storage)
    delete_attachment = providers.Factory(
        DeleteAttachment, uow=uow, storage=file_storage, catalog_cache=catalog_cache
    )

    # --- learning ---
    learning_queries = providers.Factory(SqlLearningQueries, session_factory=session_factory)
    enroll_in_course = providers.Factory(
        EnrollInCourse,
        uow=uow,
        clock=clock,
        queries=learning_queries,
        catalog_cache=catalog_cache,
    )
    list_enrollments = providers.Factory(ListEnrollments, queries=learning_queries)
    get_enrollment = providers.Factory(GetEnrollment, queries=learning_queries)
    record_progress = providers.Factory(RecordProgress, uow=uow, clock=clock)
    get_progress = providers.Factory(GetProgress, uow=uow)
    post_review = providers.Factory(PostReview, uow=uow, clock=clock, catalog_cache=catalog_cache)
    list_reviews = providers.Factory(ListReviews, uow=uow, queries=learning_queries)
    edit_review = providers.Factory(EditReview, uow=uow, clock=clock, catalog_cache=catalog_cache)
    delete_review = providers.Factory(DeleteReview, uow=uow, catalog_cache=catalog_cache)
    file_report = providers.Factory(FileReport, uow=uow, clock=clock)
    list_reports = providers.Factory(ListReports, uow=uow)
    resolve_report = providers.Factory(ResolveReport, uow=uow, clock=clock)
    list_notifications = providers.Factory(ListNotifications, uow=uow)
    mark_notification_read = providers.Factory(MarkNotificationRead, uow=uow, clock=clock)
    mark_all_notifications_read = providers.Factory(MarkAllNotificationsRead, uow=uow, clock=clock)

    # --- payments ---
    platform_fee = providers.Singleton(PlatformFee, basis_points=settings.provided.platform_fee_bps)
    fake_gateway = providers.Singleton(
        FakeGateway,
        secret_key=providers.Callable(_fake_gateway_secret, settings),
        public_url=settings.provided.public_url,
    )
    stripe_gateway = providers.Singleton(
        StripeGateway,
        secret_key=settings.provided.stripe_secret_key,
        publishable_key=settings.provided.stripe_publishable_key,
        webhook_secret=settings.provided.stripe_webhook_secret,
        api_base=settings.provided.stripe_api_base,
    )
    sslcommerz_gateway = providers.Singleton(
        SslcommerzGateway,
        store_id=settings.provided.sslcommerz_store_id,
        store_password=settings.provided.sslcommerz_store_password,
        api_base=settings.provided.sslcommerz_api_base,
        public_url=settings.provided.public_url,
    )
    payment_gateways = providers.Singleton(
        ConfiguredGateways,
        gateways=providers.Callable(
            _configured_gateways,
            settings,
            fake=fake_gateway.provider,
            stripe=stripe_gateway.provider,
            sslcommerz=sslcommerz_gateway.provider,
        ),
        default_name=settings.provided.payment_gateway,
    )
    fake_checkout_signer = providers.Callable(
        _fake_checkout_signer, settings, fake_gateway.provider
    )
    invoice_renderer = providers.Singleton(
        FpdfInvoiceRenderer, unicode_font=providers.Callable(find_unicode_font)
    )
    outbox_handlers.add_kwargs(
        {RECEIPT_TOPIC: providers.Factory(SendReceipt, mailer=mailer, renderer=invoice_renderer)}
    )
    handle_payment_event = providers.Factory(
        HandlePaymentEvent, uow=uow, clock=clock, fee=platform_fee, catalog_cache=catalog_cache
    )
    receive_webhook = providers.Factory(
        ReceiveWebhook, gateways=payment_gateways, handle_event=handle_payment_event
    )
    start_payment = providers.Factory(StartPayment, uow=uow, gateways=payment_gateways, clock=clock)
    get_payment = providers.Factory(GetPayment, uow=uow)
    get_payment_audit = providers.Factory(GetPaymentAudit, uow=uow)
    list_payment_history = providers.Factory(ListPaymentHistory, uow=uow)
    list_payments = providers.Factory(ListPayments, uow=uow)
    refund_payment = providers.Factory(
        RefundPayment, uow=uow, gateways=payment_gateways, handle_event=handle_payment_event
    )
    review_held_payment = providers.Factory(
        ReviewHeldPayment, uow=uow, clock=clock, fee=platform_fee, catalog_cache=catalog_cache
    )
    reconcile_payments = providers.Factory(
        ReconcilePayments,
        uow=uow,
        gateways=payment_gateways,
        handle_event=handle_payment_event,
        clock=clock,
    )
    get_invoice = providers.Factory(GetInvoice, uow=uow)
    get_invoice_pdf = providers.Factory(GetInvoicePdf, uow=uow, renderer=invoice_renderer)
    list_earnings = providers.Factory(ListEarnings, uow=uow)
    show_fake_checkout = providers.Factory(ShowFakeCheckout, uow=uow, signer=fake_checkout_signer)
    complete_fake_checkout = providers.Factory(
        CompleteFakeCheckout,
        uow=uow,
        signer=fake_checkout_signer,
        receive_webhook=receive_webhook,
    )
    return_from_sslcommerz = providers.Factory(
        ReturnFromSslcommerz, uow=uow, receive_webhook=receive_webhook
    )

    # --- dashboards ---
    dashboard_queries = providers.Factory(SqlDashboardQueries, session_factory=session_factory)
    get_instructor_dashboard = providers.Factory(
        GetInstructorDashboard, queries=dashboard_queries, clock=clock
    )
    list_course_students = providers.Factory(ListCourseStudents, uow=uow, queries=dashboard_queries)
    get_platform_analytics = providers.Factory(
        GetPlatformAnalytics, queries=dashboard_queries, clock=clock
    )
