"""The API keeps no cookie session: nothing to open per request, nothing to leak."""

import pytest
from flask import session

pytestmark = pytest.mark.integration


def test_no_request_opens_or_sets_a_cookie_session(app, client):
    answer = client.get("/health/live", headers={"Cookie": "session=forged"})
    assert answer.status_code == 200 and "Set-Cookie" not in answer.headers
    with app.test_request_context("/"), pytest.raises(RuntimeError):
        session["user"] = "anyone"
