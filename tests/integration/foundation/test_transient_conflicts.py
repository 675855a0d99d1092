"""The SQL unit of work tells a transaction PostgreSQL broke off (deadlock, serialization
failure) from a database that is not reachable."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from skillwise.domain.errors import ServiceUnavailable, TransientConflict

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def raise_sqlstate(uow_factory, sqlstate: str) -> None:
    with uow_factory() as uow:
        uow.session.execute(
            text(f"DO $$ BEGIN RAISE EXCEPTION 'broken off' USING ERRCODE = '{sqlstate}'; END $$")
        )


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"], ids=["deadlock", "serialization"])
def test_a_deadlock_or_serialization_failure_is_a_transient_conflict(uow_factory, sqlstate):
    with pytest.raises(TransientConflict) as raised:
        raise_sqlstate(uow_factory, sqlstate)

    assert raised.value.code == "transaction_conflict"


def test_another_operational_error_is_still_service_unavailable(uow_factory):
    # admin_shutdown: the server went away under the transaction.
    with pytest.raises(ServiceUnavailable) as raised:
        raise_sqlstate(uow_factory, "57P01")

    assert not isinstance(raised.value, TransientConflict)
