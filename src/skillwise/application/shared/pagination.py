"""Page requests and pages of results, shared by every list use case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from skillwise.domain.errors import DomainValidationError

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deep enough for any real list; beyond it offsets overflow database integers.
MAX_PAGE = 1_000_000


@dataclass(frozen=True, slots=True)
class PageRequest:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise DomainValidationError(
                f"page must be between 1 and {MAX_PAGE}.", code="invalid_page"
            )
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise DomainValidationError(
                f"page_size must be between 1 and {MAX_PAGE_SIZE}.", code="invalid_page_size"
            )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    request: PageRequest

    @property
    def has_next(self) -> bool:
        return self.request.offset + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1
