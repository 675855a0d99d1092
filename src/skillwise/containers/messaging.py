"""What reaches people outside the app: email (console or SMTP), push (console or FCM)."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.email.console import ConsoleMailer
from skillwise.adapters.email.smtp import SmtpMailer
from skillwise.adapters.invoices.pdf import FpdfInvoiceRenderer, find_unicode_font
from skillwise.adapters.push.console import ConsolePushSender
from skillwise.adapters.push.fcm import FcmPushSender
from skillwise.adapters.security.unsubscribe_links import HmacUnsubscribeLinks
from skillwise.settings import Settings


class Messaging(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

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
    push_sender = providers.Selector(
        settings.provided.push_backend,
        console=providers.Singleton(ConsolePushSender),
        fcm=providers.Singleton(
            FcmPushSender,
            project_id=settings.provided.fcm_project_id,
            credentials_file=settings.provided.fcm_credentials_file,
            api_base=settings.provided.fcm_api_base,
        ),
    )
    unsubscribe_links = providers.Singleton(
        HmacUnsubscribeLinks,
        secret_key=settings.provided.secret_key,
        public_url=settings.provided.public_url,
    )
    invoice_renderer = providers.Singleton(
        FpdfInvoiceRenderer, unicode_font=providers.Callable(find_unicode_font)
    )
