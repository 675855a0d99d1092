"""The app's JSON encoder says what Flask's said, faster."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import pytest

pytestmark = pytest.mark.integration


@dataclass
class Point:
    x: int


def test_answers_mean_what_flask_s_own_encoder_made_of_them(app):
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    value = {"when": when, "id": UUID(int=1), "point": Point(1), "name": "Zoë", "big": 2**70}
    encoded = app.json.dumps_bytes(value)
    assert json.loads(encoded) == {
        "when": "Fri, 02 Jan 2026 03:04:05 GMT",
        "id": "00000000-0000-0000-0000-000000000001",
        "point": {"x": 1},
        "name": "Zoë",
        "big": 2**70,
    }
    assert app.json.loads(app.json.dumps({"a": [1, None]})) == {"a": [1, None]}
