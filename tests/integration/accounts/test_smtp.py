"""The SMTP adapter against a real local SMTP server (aiosmtpd), end to end through the app."""

from __future__ import annotations

import shutil
import smtplib
import socket
import ssl
import subprocess
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage as MimeMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from dependency_injector import providers

from skillwise.adapters.email.smtp import SmtpMailer
from skillwise.application.shared.mailer import EmailAttachment, EmailMessage
from tests.integration.accounts.conftest import API, PASSWORD, token_in

pytestmark = pytest.mark.integration

SENDER = "SkillWise <no-reply@skillwise.test>"


class Catcher:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[MimeMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"

    def to(self, address: str) -> list[MimeMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(catcher: Catcher, **options) -> Controller:
    controller = Controller(catcher, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    return controller


@pytest.fixture
def smtp_server() -> Iterator[tuple[Catcher, int]]:
    catcher = Catcher()
    controller = serve(catcher)
    yield catcher, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def client_context(cert: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert))


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    return context


def text_of(message: MimeMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_message_goes_out_as_proper_mime_with_html_and_attachments(smtp_server):
    catcher, port = smtp_server
    mailer = SmtpMailer(host="127.0.0.1", port=port, sender=SENDER, timeout_seconds=5)
    mailer.send(
        EmailMessage(
            to="ada@example.com",
            subject="Your invoice",
            text="Thanks for your purchase.",
            html="<p>Thanks for your <b>purchase</b>.</p>",
            attachments=(EmailAttachment("invoice.pdf", "application/pdf", b"%PDF-1.4 fake"),),
        )
    )
    [message] = catcher.messages
    assert catcher.recipients == [["ada@example.com"]]
    assert (message["From"], message["To"], message["Subject"]) == (
        SENDER,
        "ada@example.com",
        "Your invoice",
    )
    assert message["Message-ID"].endswith("@skillwise.test>")
    assert message["Date"]
    assert text_of(message).strip() == "Thanks for your purchase."
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<b>purchase</b>" in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "invoice.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == b"%PDF-1.4 fake"


def test_starttls_upgrades_the_connection_before_sending(certificate):
    cert, key = certificate
    catcher = Catcher()
    controller = serve(catcher, tls_context=server_context(cert, key), require_starttls=True)
    try:
        SmtpMailer(
            host="127.0.0.1",
            port=controller.port,
            sender=SENDER,
            security="starttls",
            ssl_context=client_context(cert),
        ).send(EmailMessage(to="ada@example.com", subject="Hi", text="Over TLS"))
    finally:
        controller.stop()
    assert [text_of(m).strip() for m in catcher.messages] == ["Over TLS"]


def test_implicit_tls_is_spoken_from_the_first_byte(certificate):
    cert, key = certificate
    catcher = Catcher()
    controller = serve(catcher, ssl_context=server_context(cert, key))
    try:
        SmtpMailer(
            host="127.0.0.1",
            port=controller.port,
            sender=SENDER,
            security="ssl",
            ssl_context=client_context(cert),
        ).send(EmailMessage(to="ada@example.com", subject="Hi", text="Over SSL"))
    finally:
        controller.stop()
    assert [text_of(m).strip() for m in catcher.messages] == ["Over SSL"]


def test_a_server_refusing_starttls_makes_sending_fail_so_the_outbox_retries(smtp_server):
    catcher, port = smtp_server
    mailer = SmtpMailer(host="127.0.0.1", port=port, sender=SENDER, security="starttls")
    with pytest.raises(smtplib.SMTPNotSupportedError, match="STARTTLS"):
        mailer.send(EmailMessage(to="ada@example.com", subject="Hi", text="Secret"))
    assert catcher.messages == []


def test_an_unknown_security_mode_is_refused_at_start_up():
    with pytest.raises(ValueError, match="starttls"):
        SmtpMailer(host="localhost", port=25, sender=SENDER, security="tls1.0")


@pytest.fixture
def smtp_app(container, settings_with, smtp_server):
    """The app configured with email_backend=smtp, pointed at the local server."""
    from skillwise.entrypoints.http.app import create_app

    catcher, port = smtp_server
    container.infra.mailer.reset_override()
    container.infra.settings.override(
        providers.Object(
            settings_with(
                email_backend="smtp", smtp_host="127.0.0.1", smtp_port=port, email_from=SENDER
            )
        )
    )
    app = create_app(container)
    app.config["TESTING"] = True
    return app, catcher


def test_verification_and_reset_mails_travel_over_smtp_and_their_links_work(smtp_app, container):
    app, catcher = smtp_app
    assert isinstance(container.infra.mailer(), SmtpMailer)
    client = app.test_client()

    registered = client.post(
        f"{API}/auth/register/",
        json={"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada"},
    )
    assert registered.status_code == 201
    [verification] = catcher.to("ada@example.com")
    assert verification["Subject"] == "Confirm your SkillWise email address"
    token = token_in(text_of(verification), "verify-email")
    verified = client.post(f"{API}/auth/verify-email/", json={"token": token})
    assert (verified.status_code, verified.json["email_verified"]) == (200, True)

    assert (
        client.post(f"{API}/auth/password-reset/", json={"email": "ada@example.com"}).status_code
        == 202
    )
    reset = catcher.to("ada@example.com")[-1]
    assert reset["Subject"] == "Reset your SkillWise password"
    reset_token = token_in(text_of(reset), "reset-password")
    confirmed = client.post(
        f"{API}/auth/password-reset/confirm/",
        json={"token": reset_token, "new_password": "Brand-new-secret-9"},
    )
    assert confirmed.status_code == 200
    assert catcher.to("ada@example.com")[-1]["Subject"] == "Your SkillWise password was changed"
    login = client.post(
        f"{API}/auth/login/", json={"email": "ada@example.com", "password": "Brand-new-secret-9"}
    )
    assert login.status_code == 200
