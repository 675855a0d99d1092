"""Calls released at one instant, each on a thread (and so a connection) of its own, as
concurrent requests are; and counting rows afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def all_at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, released together; exceptions are returned."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return call()
        except Exception as error:
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def each_at_once(count: int, action: Callable[[int], Any]) -> list[Any]:
    """`action(i)` for each i in range(count), all released together."""
    return all_at_once([lambda index=index: action(index) for index in range(count)])


def count(uow_factory, statement) -> int:
    with uow_factory() as uow:
        return uow.session.execute(statement).scalar_one()
