"""Sends email over SMTP (smtplib), in plain text, STARTTLS or implicit TLS."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage as MimeMessage
from email.utils import formatdate, make_msgid, parseaddr

from skillwise.application.shared.mailer import EmailMessage

SECURITY_MODES = ("none", "starttls", "ssl")


class SmtpMailer:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        user: str | None = None,
        password: str | None = None,
        security: str = "none",
        timeout_seconds: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if security not in SECURITY_MODES:
            raise ValueError(f"smtp security must be one of {', '.join(SECURITY_MODES)}")
        self._host = host
        self._port = port
        self._sender = sender
        self._user = user
        self._password = password
        self._security = security
        self._timeout = timeout_seconds
        self._ssl_context = ssl_context

    def build(self, message: EmailMessage) -> MimeMessage:
        mime = MimeMessage()
        mime["From"] = self._sender
        mime["To"] = message.to
        mime["Subject"] = message.subject
        mime["Date"] = formatdate(localtime=False, usegmt=True)
        sender_domain = parseaddr(self._sender)[1].rpartition("@")[2]
        mime["Message-ID"] = make_msgid(domain=sender_domain or None)
        for name, value in message.headers.items():
            mime[name] = value
        mime.set_content(message.text)
        if message.html:
            mime.add_alternative(message.html, subtype="html")
        for attachment in message.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            mime.add_attachment(
                attachment.content,
                maintype=maintype,
                subtype=subtype or "octet-stream",
                filename=attachment.filename,
            )
        return mime

    def _connect(self) -> smtplib.SMTP:
        context = self._ssl_context or ssl.create_default_context()
        if self._security == "ssl":
            return smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=context)
        connection = smtplib.SMTP(self._host, self._port, timeout=self._timeout)
        if self._security == "starttls":
            try:
                connection.starttls(context=context)
            except BaseException:
                connection.close()
                raise
        return connection

    def send(self, message: EmailMessage) -> None:
        mime = self.build(message)
        with self._connect() as connection:
            if self._user:
                connection.login(self._user, self._password or "")
            connection.send_message(mime)
