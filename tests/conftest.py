"""Fixtures every tier may use."""

from __future__ import annotations

import pytest

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
