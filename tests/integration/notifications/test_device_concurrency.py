"""One new push token registered by several requests at once (PostgreSQL): one row, no error.

Each call posts through its own test client, so each runs its own unit of work on its own
connection, as concurrent web requests do.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from skillwise.adapters.db.tables.notifications import devices
from tests.integration.concurrency import all_at_once, count

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

THREADS = 8


@pytest.mark.parametrize("accounts", [1, 2], ids=["one account", "two accounts"])
def test_a_new_token_registered_at_once_is_created_once_and_updated_by_the_rest(
    app, people, uow_factory, accounts
):
    owners = [people.user() for _ in range(accounts)]
    headers = [people.auth(owners[index % accounts]) for index in range(THREADS)]

    answers = all_at_once(
        [
            lambda auth=auth: app.test_client().post(
                "/api/v1/devices/", json={"platform": "android", "token": "fresh"}, headers=auth
            )
            for auth in headers
        ]
    )

    assert sorted(answer.status_code for answer in answers) == [200] * (THREADS - 1) + [201]
    assert len({answer.json["id"] for answer in answers}) == 1
    assert count(uow_factory, select(func.count()).select_from(devices)) == 1
    with uow_factory() as uow:
        stored = uow.devices.get_by_token("fresh")
    assert stored.user_id in {owner.id for owner in owners}
