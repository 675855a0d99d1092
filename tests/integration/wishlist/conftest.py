"""The `learning` fixture for the wishlist tests."""

from __future__ import annotations

import pytest

from tests.integration.builders import Builder


@pytest.fixture
def learning(uow_factory, app) -> Builder:
    return Builder(uow_factory, app, modules=2)
