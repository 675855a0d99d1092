"""What every SQL repository shares: the session of the unit of work it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sqlalchemy.orm import Session

from skillwise.application.shared.registry import Implementations

if TYPE_CHECKING:
    from skillwise.adapters.db.unit_of_work import SqlAlchemyUnitOfWork


class SqlRepository:
    registry: ClassVar[Implementations] = Implementations("SQL")

    def __init_subclass__(cls, *, implements: type | None = None, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if implements is not None:
            SqlRepository.registry.register(implements, cls)

    def __init__(self, session: Session, uow: SqlAlchemyUnitOfWork) -> None:
        self._session = session
        self._uow = uow

    @property
    def _locks_rows(self) -> bool:
        """SQLite has no row locks (BEGIN IMMEDIATE already serialises writers)."""
        return self._session.get_bind().dialect.name == "postgresql"
