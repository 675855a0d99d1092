"""The `learning` fixture: users and courses with lessons for the learning tests."""

from __future__ import annotations

import pytest

from tests.integration.learning.builders import Learning


@pytest.fixture
def learning(uow_factory, app) -> Learning:
    return Learning(uow_factory, app)
