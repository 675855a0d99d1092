"""Email as an outbox topic: recorded with the change, sent by a task after the commit."""

from __future__ import annotations

from typing import Any

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.mailer import EmailMessage, Mailer
from skillwise.application.shared.outbox import OutboxMessage
from skillwise.application.shared.unit_of_work import UnitOfWork

EMAIL_TOPIC = "email"


def queue_email(uow: UnitOfWork, clock: Clock, *, to: str, subject: str, text: str) -> None:
    """Record an email in the current transaction; it goes out only if the transaction commits."""
    uow.outbox.add(
        OutboxMessage(
            topic=EMAIL_TOPIC,
            payload={"to": to, "subject": subject, "text": text},
            created_at=clock.now(),
        )
    )


class SendEmail:
    """Outbox handler for the `email` topic."""

    def __init__(self, mailer: Mailer) -> None:
        self._mailer = mailer

    def __call__(self, payload: dict[str, Any]) -> None:
        self._mailer.send(
            EmailMessage(to=payload["to"], subject=payload["subject"], text=payload["text"])
        )
