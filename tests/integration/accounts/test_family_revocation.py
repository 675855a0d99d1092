"""Reuse of a spent refresh token ends every access token of its family, not only the refresh
tokens: the stolen copy and the legitimate one alike."""

import pytest

from tests.integration.accounts.conftest import API, bearer_of, log_in

pytestmark = pytest.mark.integration


def test_refresh_token_reuse_refuses_every_access_token_of_the_family(client, make_account):
    make_account()
    first = log_in(client).json
    second = client.post(f"{API}/auth/refresh/", json={"refresh": first["refresh"]}).json
    assert client.get(f"{API}/profile/", headers=bearer_of(first)).status_code == 200
    assert client.get(f"{API}/profile/", headers=bearer_of(second)).status_code == 200

    reused = client.post(f"{API}/auth/refresh/", json={"refresh": first["refresh"]})
    assert reused.status_code == 401
    assert reused.json["error"] == "refresh_token_reused"

    for session in (first, second):
        answer = client.get(f"{API}/profile/", headers=bearer_of(session))
        assert answer.status_code == 401
        assert answer.json["error"] == "token_revoked"


def test_reuse_in_one_family_leaves_the_other_logins_working(client, make_account):
    make_account()
    phone, laptop = log_in(client).json, log_in(client).json
    client.post(f"{API}/auth/refresh/", json={"refresh": phone["refresh"]})
    client.post(f"{API}/auth/refresh/", json={"refresh": phone["refresh"]})
    assert client.get(f"{API}/profile/", headers=bearer_of(phone)).status_code == 401
    assert client.get(f"{API}/profile/", headers=bearer_of(laptop)).status_code == 200


def test_logout_with_the_refresh_token_ends_the_earlier_access_tokens_of_the_session(
    client, make_account
):
    make_account()
    first = log_in(client).json
    second = client.post(f"{API}/auth/refresh/", json={"refresh": first["refresh"]}).json
    logout = client.post(
        f"{API}/auth/logout/", headers=bearer_of(second), json={"refresh": second["refresh"]}
    )
    assert logout.status_code == 204
    assert client.get(f"{API}/profile/", headers=bearer_of(first)).status_code == 401
