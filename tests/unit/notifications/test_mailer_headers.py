"""Both mail adapters send the extra header fields, such as List-Unsubscribe."""

import io

from skillwise.adapters.email.console import ConsoleMailer
from skillwise.adapters.email.smtp import SmtpMailer
from skillwise.application.shared.mailer import EmailMessage

MESSAGE = EmailMessage(
    to="ada@example.com",
    subject="Your refund",
    text="We refunded you.",
    headers={
        "List-Unsubscribe": "<https://skillwise.test/api/v1/notifications/unsubscribe/?u=x>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
)


def test_the_smtp_message_carries_the_unsubscribe_headers():
    mime = SmtpMailer(host="127.0.0.1", port=2525, sender="no-reply@skillwise.test").build(MESSAGE)

    assert mime["List-Unsubscribe"] == MESSAGE.headers["List-Unsubscribe"]
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_console_mailer_prints_the_unsubscribe_headers():
    stream = io.StringIO()

    ConsoleMailer(sender="no-reply@skillwise.test", stream=stream).send(MESSAGE)

    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in stream.getvalue()
