"""retry_transient: a transaction the database broke off is run again, a bounded number of times."""

from __future__ import annotations

import pytest

from skillwise.application.shared.retries import ATTEMPTS, retry_transient
from skillwise.domain.errors import ServiceUnavailable, TransientConflict


def test_a_transaction_broken_off_twice_succeeds_on_the_third_run():
    runs = []

    def action() -> str:
        runs.append(1)
        if len(runs) < 3:
            raise TransientConflict()
        return "done"

    assert retry_transient(action) == "done"
    assert len(runs) == 3


def test_it_gives_up_after_the_last_attempt_with_the_conflict():
    runs = []

    def action() -> None:
        runs.append(1)
        raise TransientConflict()

    with pytest.raises(TransientConflict):
        retry_transient(action)
    assert len(runs) == ATTEMPTS


def test_other_errors_are_not_retried():
    runs = []

    def action() -> None:
        runs.append(1)
        raise ServiceUnavailable("down")

    with pytest.raises(ServiceUnavailable):
        retry_transient(action)
    assert len(runs) == 1
