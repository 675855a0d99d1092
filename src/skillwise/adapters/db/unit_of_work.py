"""The SQLAlchemy unit of work: one Session, one transaction, repositories bound to it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self
from uuid import UUID

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.repositories import REPOSITORIES
from skillwise.application.shared.tasks import TaskQueue
from skillwise.domain.errors import ServiceUnavailable

log = logging.getLogger(__name__)


class SqlAlchemyUnitOfWork:
    """Repositories are attributes named as in the UnitOfWork port (`uow.users`, ...)."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        task_queue: TaskQueue | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._task_queue = task_queue
        self._session: Session | None = None
        self._pending_outbox: list[UUID] = []

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self._pending_outbox = []
        for name, repository_class in REPOSITORIES.items():
            setattr(self, name, repository_class(self._session, self))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()
        if isinstance(exc, OperationalError):
            raise ServiceUnavailable("The database is not reachable right now.") from exc

    def outbox_added(self, message_id: UUID) -> None:
        """Called by the outbox repository so the message is relayed after commit."""
        self._pending_outbox.append(message_id)

    def commit(self) -> None:
        self.session.commit()
        to_relay, self._pending_outbox = self._pending_outbox, []
        if self._task_queue is None:
            return
        for message_id in to_relay:
            # The message is durable already; a failed hand-off is retried by the relay.
            try:
                self._task_queue.deliver_outbox_message(message_id)
            except Exception:
                log.exception("outbox message %s not handed to the task queue", message_id)

    def rollback(self) -> None:
        self.session.rollback()
        self._pending_outbox = []

    def __getattr__(self, name: str) -> Any:
        if name in REPOSITORIES:
            raise RuntimeError(f"uow.{name} is available inside `with uow:` only")
        raise AttributeError(name)


UnitOfWorkFactory = Callable[[], SqlAlchemyUnitOfWork]
