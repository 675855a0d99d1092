"""The `catalog` fixture, and file contents for attachment tests."""

from __future__ import annotations

import pytest

from tests.integration.builders import Builder

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 4


@pytest.fixture
def catalog(uow_factory, app) -> Builder:
    return Builder(uow_factory, app)
