"""Read models' statements each commit on their own on PostgreSQL; streaming reads keep one
transaction, which their server-side cursors need."""

import pytest
from sqlalchemy import text

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def _in_a_transaction(session) -> bool:
    # now() is the start of the transaction: two statements of one transaction see one value.
    first = session.execute(text("SELECT now()")).scalar_one()
    session.execute(text("SELECT pg_sleep(0.01)"))
    return session.execute(text("SELECT now()")).scalar_one() == first


def test_read_models_read_without_begin_and_rollback(container):
    with container.infra.read_session_factory()() as session:
        assert _in_a_transaction(session) is False


def test_streaming_reads_and_the_unit_of_work_keep_their_transaction(container):
    with container.infra.streaming_read_session_factory()() as session:
        assert _in_a_transaction(session) is True
    with container.infra.session_factory()() as session:
        assert _in_a_transaction(session) is True
