"""Fixtures every tier may use."""

from __future__ import annotations

import pytest

from skillwise.adapters.security.unsubscribe_links import HmacUnsubscribeLinks
from tests.fakes.basics import FixedClock, RecordingMailer
from tests.fakes.unit_of_work import FakeUnitOfWork


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def fake_uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def mailer() -> RecordingMailer:
    return RecordingMailer()


@pytest.fixture
def unsubscribe_links() -> HmacUnsubscribeLinks:
    return HmacUnsubscribeLinks(secret_key="test-secret", public_url="https://skillwise.test")
