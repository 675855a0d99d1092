"""The reporting window of analytics and exports: whole UTC days, both ends included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from skillwise.domain.errors import DomainValidationError

DEFAULT_DAYS = 30
# A year and a leap day: long enough for a year-on-year look, short enough to bound the
# day-by-day series and the exports.
LONGEST_DAYS = 366


class InvalidWindow(DomainValidationError):
    """The window's `from` day must not be after its `to` day, and it spans at most 366 days."""

    code = "invalid_window"


@dataclass(frozen=True, slots=True)
class Window:
    first: date
    last: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.first, time(), UTC)

    @property
    def until(self) -> datetime:
        """The first instant after the window (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(), UTC)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def months(self) -> list[str]:
        months: list[str] = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def resolve_window(first: date | None, last: date | None, today: date) -> Window:
    """The window asked for; a missing end defaults to today, a missing start to 30 days
    before the end (the end day included)."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise InvalidWindow("`from` is after `to`.")
    if (last - first).days + 1 > LONGEST_DAYS:
        raise InvalidWindow(f"The window spans more than {LONGEST_DAYS} days.")
    return Window(first, last)
