"""/metrics reports the undelivered outbox: how many messages, and how old the oldest is."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from dependency_injector import providers
from sqlalchemy import insert

from skillwise.adapters.db.tables.core import outbox
from skillwise.entrypoints.http.app import create_app
from tests.integration.hardening.test_metrics_http import SCRAPER, TOKEN, sample

pytestmark = pytest.mark.integration

BACKLOG = "skillwise_outbox_backlog_messages"
AGE = "skillwise_outbox_oldest_message_age_seconds"


def a_row(created_at: datetime, delivered_at: datetime | None = None) -> dict:
    return {
        "id": uuid4(),
        "topic": "email",
        "payload": {},
        "created_at": created_at,
        "delivered_at": delivered_at,
        "attempts": 0,
    }


@pytest.fixture
def monitored(container, settings_with):
    container.infra.settings.override(providers.Object(settings_with(metrics_token=TOKEN)))
    app = create_app(container)
    app.config["TESTING"] = True
    return app.test_client()


def scrape(client) -> str:
    return client.get("/metrics", headers=SCRAPER).get_data(as_text=True)


def test_an_empty_outbox_reports_no_backlog_and_no_age(monitored):
    text = scrape(monitored)
    assert (sample(text, BACKLOG), sample(text, AGE)) == (0, 0)


def test_undelivered_messages_are_counted_and_the_oldest_is_aged(monitored, container):
    now = datetime.now(UTC)
    with container.infra.engine().begin() as connection:
        connection.execute(
            insert(outbox),
            [
                a_row(now - timedelta(days=2), delivered_at=now - timedelta(days=2)),
                a_row(now - timedelta(seconds=90)),
                a_row(now - timedelta(seconds=5)),
            ],
        )

    text = scrape(monitored)

    assert sample(text, BACKLOG) == 2
    assert 90 <= sample(text, AGE) < 3600
