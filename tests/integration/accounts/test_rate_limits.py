"""Rate limits on sign-in, sign-up and password reset (Redis storage where configured)."""

import pytest

from skillwise.adapters.redis_client import build_redis_client
from tests.integration.accounts.conftest import API, PASSWORD, log_in

pytestmark = pytest.mark.integration


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


@pytest.fixture
def limited(app_with):
    return app_with(ratelimit_enabled=True).test_client()


def test_the_eleventh_login_a_minute_from_one_address_is_429_in_our_error_shape(limited):
    for n in range(10):
        response = log_in(limited, email=f"user{n}@example.com", password="Wrong-password-1")
        assert response.status_code == 401
    blocked = log_in(limited, email="another@example.com")
    assert blocked.status_code == 429
    assert blocked.is_json
    assert blocked.json["code"] == 429
    assert blocked.json["error"] == "too_many_requests"
    assert "try again" in blocked.json["message"]
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert (
        log_in(limited, email="another@example.com", **from_address("10.0.0.9")).status_code == 401
    )


def test_the_eleventh_login_a_minute_for_one_email_is_429_from_any_address(limited):
    for n in range(10):
        response = log_in(
            limited, email="Ada@Example.com", password="Wrong-1-pass", **from_address(f"10.0.1.{n}")
        )
        assert response.status_code == 401
    blocked = log_in(limited, email="ada@example.com", **from_address("10.0.2.1"))
    assert blocked.status_code == 429
    other_email = log_in(limited, email="grace@example.com", **from_address("10.0.2.1"))
    assert other_email.status_code == 401


def test_the_thirty_first_sign_up_a_minute_from_one_address_is_429(limited):
    """Generous, because a carrier-grade NAT or a classroom puts many people behind one."""
    statuses = [
        limited.post(
            f"{API}/auth/register/",
            json={"email": f"user{n}@example.com", "password": PASSWORD, "full_name": "User"},
        ).status_code
        for n in range(31)
    ]
    assert statuses == [201] * 30 + [429]


def test_the_sixth_password_reset_a_minute_from_one_address_is_429(limited, outbox_mailer):
    statuses = [
        limited.post(f"{API}/auth/password-reset/", json={"email": "ada@example.com"}).status_code
        for _ in range(6)
    ]
    assert statuses == [202] * 5 + [429]


def test_other_endpoints_are_not_limited(limited, make_account):
    make_account()
    access = log_in(limited).json["access"]
    for _ in range(15):
        response = limited.get(f"{API}/profile/", headers={"Authorization": f"Bearer {access}"})
        assert response.status_code == 200


def test_limits_are_off_when_the_setting_says_so(client):
    statuses = {log_in(client, password="Wrong-password-1").status_code for _ in range(15)}
    assert statuses == {401}


@pytest.mark.redis
def test_counters_live_in_redis_under_the_key_prefix_when_redis_is_configured(app_with, settings):
    if not settings.redis_url:
        pytest.skip("this stack has no Redis")
    client = app_with(ratelimit_enabled=True).test_client()
    log_in(client, password="Wrong-password-1")
    redis = build_redis_client(settings.redis_url)
    try:
        keys = list(redis.scan_iter(match=f"{settings.redis_prefix}ratelimit*"))
    finally:
        redis.close()
    assert len(keys) == 2
