"""Time, injected so rules about expiry and ordering can be tested."""

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Tells the current time as a timezone-aware UTC datetime."""

    def now(self) -> datetime: ...
