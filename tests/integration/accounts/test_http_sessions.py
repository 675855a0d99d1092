"""The whole account journey over HTTP, with emails caught from the real outbox."""

import pytest

from skillwise.domain.identity import Role
from tests.integration.accounts.conftest import API, PASSWORD, bearer_of, log_in, mailed_token

pytestmark = pytest.mark.integration

NEW_PASSWORD = "Brand-new-secret-9"


def register(client, email="ada@example.com", **extra):
    body = {"email": email, "password": PASSWORD, "full_name": "Ada Lovelace", **extra}
    return client.post(f"{API}/auth/register/", json=body)


def test_register_verify_login_refresh_reuse_logout(client, outbox_mailer):
    registered = register(client, email="Ada@Example.com")
    assert registered.status_code == 201
    assert registered.json["email"] == "ada@example.com"
    assert registered.json["email_verified"] is False
    assert registered.json["role"] == "student"
    assert set(registered.json) == {
        "id",
        "email",
        "full_name",
        "bio",
        "avatar_url",
        "role",
        "email_verified",
        "date_joined",
    }

    token = mailed_token(outbox_mailer, "ada@example.com", "verify-email")
    verified = client.post(f"{API}/auth/verify-email/", json={"token": token})
    assert verified.status_code == 200
    assert verified.json["email_verified"] is True

    login = log_in(client)
    assert login.status_code == 200
    assert login.json["token_type"] == "Bearer"
    assert login.json["user"]["email_verified"] is True
    first = login.json
    assert client.get(f"{API}/profile/", headers=bearer_of(first)).status_code == 200

    rotated = client.post(f"{API}/auth/refresh/", json={"refresh": first["refresh"]})
    assert rotated.status_code == 200
    assert set(rotated.json) == {"access", "refresh"}
    second = rotated.json
    assert client.get(f"{API}/profile/", headers=bearer_of(second)).status_code == 200

    reused = client.post(f"{API}/auth/refresh/", json={"refresh": first["refresh"]})
    assert reused.status_code == 401
    assert reused.json["error"] == "refresh_token_reused"
    descendant = client.post(f"{API}/auth/refresh/", json={"refresh": second["refresh"]})
    assert descendant.status_code == 401

    third = log_in(client).json
    logout = client.post(
        f"{API}/auth/logout/", headers=bearer_of(third), json={"refresh": third["refresh"]}
    )
    assert logout.status_code == 204
    after = client.get(f"{API}/profile/", headers=bearer_of(third))
    assert after.status_code == 401
    assert after.json["error"] == "token_revoked"
    refresh_after = client.post(f"{API}/auth/refresh/", json={"refresh": third["refresh"]})
    assert refresh_after.status_code == 401


def test_logout_without_a_body_revokes_the_access_token(client, make_account):
    make_account()
    session = log_in(client).json
    assert client.post(f"{API}/auth/logout/", headers=bearer_of(session)).status_code == 204
    assert client.get(f"{API}/profile/", headers=bearer_of(session)).status_code == 401
    rotated = client.post(f"{API}/auth/refresh/", json={"refresh": session["refresh"]})
    assert rotated.status_code == 200


def test_logout_leaves_the_other_sessions_working(client, make_account):
    make_account()
    phone, laptop = log_in(client).json, log_in(client).json
    client.post(f"{API}/auth/logout/", headers=bearer_of(phone), json={"refresh": phone["refresh"]})
    assert client.get(f"{API}/profile/", headers=bearer_of(laptop)).status_code == 200


def test_access_tokens_carry_sub_and_role_and_last_15_minutes(app, client, make_account):
    from flask_jwt_extended import decode_token

    user = make_account(role=Role.INSTRUCTOR)
    session = log_in(client).json
    with app.app_context():
        access = decode_token(session["access"])
        refresh = decode_token(session["refresh"])
    assert (access["sub"], access["role"], access["type"]) == (str(user.id), "instructor", "access")
    assert round(access["exp"] - access["iat"]) == 15 * 60
    assert refresh["type"] == "refresh"
    assert round(refresh["exp"] - refresh["iat"]) == 30 * 24 * 3600


def test_wrong_password_unknown_email_and_deleted_account_answer_the_same_401(client, make_account):
    make_account()
    wrong = log_in(client, password="Wrong-password-1")
    unknown = log_in(client, email="nobody@example.com")
    malformed = log_in(client, email="not-an-email")
    assert wrong.status_code == unknown.status_code == malformed.status_code == 401
    assert wrong.json["message"] == unknown.json["message"] == malformed.json["message"]


def test_a_duplicate_email_in_another_case_is_409(client):
    assert register(client).status_code == 201
    duplicate = register(client, email="ADA@example.com")
    assert duplicate.status_code == 409
    assert duplicate.json["error"] == "email_taken"


def test_a_weak_password_is_422_with_the_reason(client, outbox_mailer):
    response = client.post(
        f"{API}/auth/register/",
        json={"email": "ada@example.com", "password": "ada", "full_name": "Ada"},
    )
    assert response.status_code == 422
    assert response.json["error"] == "weak_password"
    assert "10 characters" in response.json["message"]
    assert outbox_mailer.sent == []


def test_a_spent_or_unknown_verification_token_is_422_with_its_code(client, outbox_mailer):
    register(client)
    token = mailed_token(outbox_mailer, "ada@example.com", "verify-email")
    assert client.post(f"{API}/auth/verify-email/", json={"token": token}).status_code == 200
    again = client.post(f"{API}/auth/verify-email/", json={"token": token})
    unknown = client.post(f"{API}/auth/verify-email/", json={"token": "nope"})
    assert (again.status_code, again.json["error"]) == (422, "token_used")
    assert (unknown.status_code, unknown.json["error"]) == (422, "invalid_token")


def test_resend_mails_a_new_link_for_the_signed_in_user_and_kills_the_old(client, outbox_mailer):
    register(client)
    old = mailed_token(outbox_mailer, "ada@example.com", "verify-email")
    session = log_in(client).json
    resent = client.post(f"{API}/auth/verify-email/resend/", headers=bearer_of(session), json={})
    assert resent.status_code == 202
    new = mailed_token(outbox_mailer, "ada@example.com", "verify-email")
    assert new != old
    assert client.post(f"{API}/auth/verify-email/", json={"token": old}).status_code == 422
    assert client.post(f"{API}/auth/verify-email/", json={"token": new}).status_code == 200


def test_guest_resend_answers_202_whether_or_not_the_account_exists(client, outbox_mailer):
    register(client)
    known = client.post(f"{API}/auth/verify-email/resend/", json={"email": "ada@example.com"})
    unknown = client.post(f"{API}/auth/verify-email/resend/", json={"email": "x@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.json == unknown.json
    assert len(outbox_mailer.to("ada@example.com")) == 2
    assert outbox_mailer.to("x@example.com") == []


def test_password_reset_end_to_end(client, make_account, outbox_mailer):
    make_account()
    session = log_in(client).json
    known = client.post(f"{API}/auth/password-reset/", json={"email": "ADA@example.com"})
    unknown = client.post(f"{API}/auth/password-reset/", json={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.json == unknown.json
    assert outbox_mailer.to("nobody@example.com") == []

    token = mailed_token(outbox_mailer, "ada@example.com", "reset-password")
    weak = client.post(
        f"{API}/auth/password-reset/confirm/", json={"token": token, "new_password": "short"}
    )
    assert (weak.status_code, weak.json["error"]) == (422, "weak_password")
    confirmed = client.post(
        f"{API}/auth/password-reset/confirm/", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert confirmed.status_code == 200
    assert outbox_mailer.to("ada@example.com")[-1].subject == "Your SkillWise password was changed"

    again = client.post(
        f"{API}/auth/password-reset/confirm/", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert (again.status_code, again.json["error"]) == (422, "token_used")
    old_refresh = client.post(f"{API}/auth/refresh/", json={"refresh": session["refresh"]})
    assert old_refresh.status_code == 401
    assert client.get(f"{API}/profile/", headers=bearer_of(session)).status_code == 401
    assert log_in(client).status_code == 401
    assert log_in(client, password=NEW_PASSWORD).status_code == 200


def test_a_refresh_token_in_the_authorization_header_is_not_an_access_token(client, make_account):
    make_account()
    session = log_in(client).json
    response = client.get(
        f"{API}/profile/", headers={"Authorization": f"Bearer {session['refresh']}"}
    )
    assert response.status_code == 401


def test_a_garbage_refresh_token_is_401(client):
    response = client.post(f"{API}/auth/refresh/", json={"refresh": "not.a.jwt"})
    assert response.status_code == 401
    assert response.json["error"] == "invalid_token"


def test_the_auth_endpoints_are_documented_with_their_rules(client):
    spec = client.get(f"{API}/openapi.json").json
    paths = spec["paths"]
    assert "202 whether or not" in paths[f"{API}/auth/verify-email/resend/"]["post"]["description"]
    assert "ignored" in paths[f"{API}/profile/"]["patch"]["description"]
    assert "ignored" in spec["components"]["schemas"]["ProfileUpdate"]["description"]
    for path in [
        "/auth/register/",
        "/auth/verify-email/",
        "/auth/verify-email/resend/",
        "/auth/login/",
        "/auth/refresh/",
        "/auth/logout/",
        "/auth/password-reset/",
        "/auth/password-reset/confirm/",
        "/profile/",
        "/users/{user_id}/",
        "/admin/users/",
    ]:
        assert f"{API}{path}" in paths, path
