"""Running a transaction again when the database broke it off to resolve a conflict."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from skillwise.domain.errors import TransientConflict

T = TypeVar("T")

ATTEMPTS = 5


def retry_transient(action: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Call `action` (one whole `with uow:` block) until it gets past a TransientConflict,
    at most `attempts` times; the last conflict is raised.

    Only the transaction is repeated, never a call outside it, so the action must open its
    own unit of work. A short random pause keeps twins that met once from meeting again.
    """
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except TransientConflict:
            if attempt == attempts:
                raise
            time.sleep(random.uniform(0, 0.01 * attempt))
    raise AssertionError("unreachable: the loop returns or raises")
