"""An access token's signature is verified once per process; expiry and revocation still
apply on every request."""

import time
from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token

from skillwise.entrypoints.http import jwt as jwt_setup

pytestmark = pytest.mark.integration

PROFILE = "/api/v1/profile/"


def token_for(app, user, **options) -> str:
    with app.app_context():
        return create_access_token(
            identity=str(user.id), additional_claims={"role": user.role.value}, **options
        )


@pytest.fixture
def decodes(monkeypatch):
    """Every signature PyJWT verifies, counted."""
    verified = []
    real = pyjwt.decode

    def counting(token, *args, **kwargs):
        if kwargs.get("options", {}).get("verify_signature", True):
            verified.append(token)
        return real(token, *args, **kwargs)

    monkeypatch.setattr(pyjwt, "decode", counting)
    return verified


def test_a_token_s_signature_is_verified_once_then_remembered(app, client, make_account, decodes):
    token = token_for(app, make_account())
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(3):
        assert client.get(PROFILE, headers=headers).status_code == 200
    assert decodes == [token]


def test_a_remembered_token_still_expires_on_time(app, client, make_account):
    token = token_for(app, make_account(), expires_delta=timedelta(seconds=1))
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(PROFILE, headers=headers).status_code == 200
    time.sleep(2.05)
    expired = client.get(PROFILE, headers=headers)
    assert expired.status_code == 401
    assert expired.json["error"] == "token_expired"


def test_a_remembered_token_is_still_refused_once_revoked(app, client, make_account):
    token = token_for(app, make_account())
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(PROFILE, headers=headers).status_code == 200
    assert client.post("/api/v1/auth/logout/", headers=headers, json={}).status_code == 204
    refused = client.get(PROFILE, headers=headers)
    assert refused.status_code == 401
    assert refused.json["error"] == "token_revoked"


def test_a_forged_signature_is_never_remembered(app, client, make_account, decodes):
    token = token_for(app, make_account())
    head, claims, signature = token.split(".")
    other = "A" if signature[0] != "A" else "B"
    forged = f"{head}.{claims}.{other}{signature[1:]}"
    for _ in range(2):
        refused = client.get(PROFILE, headers={"Authorization": f"Bearer {forged}"})
        assert refused.status_code == 401
        assert refused.json["error"] == "invalid_token"
    assert decodes == [forged, forged]


def test_remembered_tokens_are_bounded(app, client, make_account, monkeypatch):
    monkeypatch.setattr(jwt_setup, "VERIFIED_TOKENS_KEPT", 3)
    user = make_account()
    for number in range(7):
        token = token_for(app, user, additional_headers={"n": number})
        assert client.get(PROFILE, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    manager = app.extensions["flask-jwt-extended"]
    assert 1 <= len(manager._verified) <= 3
