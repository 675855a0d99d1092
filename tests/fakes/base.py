"""What every fake repository shares: registration under the port it implements, and the
error a unique constraint no use case expects to meet would raise."""

from __future__ import annotations

from typing import ClassVar

from skillwise.application.shared.registry import Implementations


class FakeRepository:
    registry: ClassVar[Implementations] = Implementations("fake")

    def __init_subclass__(cls, *, implements: type | None = None, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if implements is not None:
            FakeRepository.registry.register(implements, cls)


class DuplicateRow(Exception):
    """A row that breaks a unique constraint which guards an invariant, not an expected race
    (in SQL an IntegrityError): expected duplicates answer as their port says instead."""
