"""Page requests and pages of results, shared by every list use case.

A list is walked either by page number (`PageRequest`, `Page`) or by keyset (`KeysetRequest`,
`KeysetPage`): each keyset page starts right after the last row of the one before, so a deep
page reads no more rows than the first and a row added meanwhile is neither repeated nor
skipped behind the reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar
from uuid import UUID

from skillwise.domain.errors import DomainValidationError

T = TypeVar("T")
SortKey = int | float | Decimal | datetime | str

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deep enough for any real list; beyond it offsets overflow database integers.
MAX_PAGE = 1_000_000


def _check_page_size(page_size: int) -> None:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise DomainValidationError(
            f"page_size must be between 1 and {MAX_PAGE_SIZE}.", code="invalid_page_size"
        )


@dataclass(frozen=True, slots=True)
class PageRequest:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise DomainValidationError(
                f"page must be between 1 and {MAX_PAGE}.", code="invalid_page"
            )
        _check_page_size(self.page_size)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """`end` is where the last item stands in the list's ordering, for lists that tell it."""

    items: Sequence[T]
    total: int
    request: PageRequest
    end: Position | None = None

    @property
    def has_next(self) -> bool:
        return self.request.offset + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1


@dataclass(frozen=True, slots=True)
class Position:
    """A row's place in an ordering: its sort key as the database computed it, and its id,
    which breaks ties."""

    key: SortKey
    id: UUID


@dataclass(frozen=True, slots=True)
class KeysetRequest:
    """The rows after `after` (from the start when None)."""

    after: Position | None = None
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        _check_page_size(self.page_size)


@dataclass(frozen=True, slots=True)
class KeysetPage(Generic[T]):
    """`next` is the last item's position when more rows follow, None at the end."""

    items: Sequence[T]
    request: KeysetRequest
    next: Position | None


@dataclass(frozen=True, slots=True)
class CursorPage(Generic[T]):
    """A keyset page as callers hold it: `next_cursor` asks for the following page."""

    items: Sequence[T]
    page_size: int
    next_cursor: str | None
