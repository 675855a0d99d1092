"""Several instances started at the same moment all run `db upgrade` against one database."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from skillwise.adapters.db.migrate import alembic_config, upgrade
from tests.integration.conftest import _postgres_database

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

INSTANCES = 4


def _upgrade_when_all_are_ready(database_url: str, ready: Barrier) -> None:
    # Every process has imported the application before any starts, so they race on the
    # first statement as instances booting together would.
    ready.wait(timeout=60)
    upgrade(database_url)


def test_instances_upgrading_a_fresh_database_together_all_succeed_and_reach_head():
    spawn = multiprocessing.get_context("spawn")
    with _postgres_database() as database_url:
        ready = spawn.Barrier(INSTANCES)
        instances = [
            spawn.Process(target=_upgrade_when_all_are_ready, args=(database_url, ready))
            for _ in range(INSTANCES)
        ]
        for instance in instances:
            instance.start()
        try:
            for instance in instances:
                instance.join(timeout=120)
        finally:
            for instance in instances:
                if instance.is_alive():
                    instance.kill()

        assert [instance.exitcode for instance in instances] == [0] * INSTANCES
        head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
        engine = create_engine(database_url)
        try:
            with engine.connect() as connection:
                assert MigrationContext.configure(connection).get_current_heads() == (head,)
        finally:
            engine.dispose()
