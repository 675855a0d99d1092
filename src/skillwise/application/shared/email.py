"""Email as an outbox topic: recorded with the change, sent by a task after the commit."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from skillwise.application.notifications.unsubscribe import (
    UnsubscribeLinks,
    unsubscribable,
    wants_email,
)
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.mailer import EmailMessage, Mailer
from skillwise.application.shared.outbox import OutboxMessage
from skillwise.application.shared.unit_of_work import UnitOfWork

EMAIL_TOPIC = "email"


def queue_email(
    uow: UnitOfWork,
    clock: Clock,
    *,
    to: str,
    subject: str,
    text: str,
    kind: str | None = None,
    user_id: UUID | None = None,
) -> None:
    """Record an email in the current transaction; it goes out only if the transaction commits.

    An email about a notification `kind` names its recipient's `user_id`: it is sent only if
    they still want that kind by email, with a link to stop it. Without a kind it is account
    security mail, always sent and never unsubscribable.
    """
    payload: dict[str, Any] = {"to": to, "subject": subject, "text": text}
    if kind is not None:
        if user_id is None:
            raise ValueError("an email about a notification kind needs its recipient's user_id")
        payload |= {"kind": kind, "user_id": str(user_id)}
    uow.outbox.add(OutboxMessage(topic=EMAIL_TOPIC, payload=payload, created_at=clock.now()))


class SendEmail:
    """Outbox handler for the `email` topic."""

    def __init__(self, mailer: Mailer, unsubscribe_links: UnsubscribeLinks) -> None:
        self._mailer = mailer
        self._links = unsubscribe_links

    def __call__(self, payload: dict[str, Any], uow: UnitOfWork) -> None:
        text, headers = payload["text"], {}
        if "kind" in payload:
            user_id = UUID(payload["user_id"])
            if not wants_email(uow, user_id, payload["kind"]):
                return
            opt_out = unsubscribable(self._links, user_id, payload["kind"])
            text, headers = text + opt_out.footer, opt_out.headers
        self._mailer.send(
            EmailMessage(to=payload["to"], subject=payload["subject"], text=text, headers=headers)
        )
