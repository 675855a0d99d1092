"""The SQLAlchemy unit of work: one Session, one transaction, repositories bound to it."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import translated
from skillwise.adapters.db.repositories import REPOSITORIES
from skillwise.application.shared.effects import AfterCommit, Effect


class SqlAlchemyUnitOfWork:
    """Repositories are attributes named as in the UnitOfWork port (`uow.users`, ...)."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        after_commit: AfterCommit | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._run_after_commit = after_commit
        self._session: Session | None = None
        self._effects: list[Effect] = []

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self._effects = []
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
        self._effects = []
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()
        replacement = translated(exc) if exc is not None else None
        if replacement is not None:
            raise replacement from exc

    def after_commit(self, effect: Effect) -> None:
        self._effects.append(effect)

    def commit(self) -> None:
        self.session.commit()
        effects, self._effects = self._effects, []
        if self._run_after_commit is not None:
            self._run_after_commit(effects)

    def rollback(self) -> None:
        self.session.rollback()
        self._effects = []

    def __getattr__(self, name: str) -> Any:
        if name in REPOSITORIES:
            raise RuntimeError(f"uow.{name} is available inside `with uow:` only")
        raise AttributeError(name)


UnitOfWorkFactory = Callable[[], SqlAlchemyUnitOfWork]
