"""Rate limits see the real client behind trusted proxies, and their rates are configurable."""

import pytest
from dependency_injector import providers

from skillwise.entrypoints.http.app import create_app
from skillwise.settings import ConfigurationError

pytestmark = pytest.mark.integration

API = "/api/v1"
PROXY = "10.0.0.1"
PASSWORD = "Correct-horse-7"


@pytest.fixture
def app_with(container, settings_with):
    def build(**changes):
        container.infra.settings.override(
            providers.Object(settings_with(ratelimit_enabled=True, **changes))
        )
        app = create_app(container)
        app.config["TESTING"] = True
        return app.test_client()

    return build


def log_in(client, *, forwarded_for: str | None = None, email: str = "ada@example.com"):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        f"{API}/auth/login/",
        json={"email": email, "password": "Wrong-password-1"},
        headers=headers,
        environ_base={"REMOTE_ADDR": PROXY},
    )


def sign_up(client, email: str, address: str = "198.51.100.7"):
    return client.post(
        f"{API}/auth/register/",
        json={"email": email, "password": PASSWORD, "full_name": "New User"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_two_clients_behind_one_trusted_proxy_have_separate_buckets(app_with):
    client = app_with(trusted_proxies=1)
    for n in range(10):
        assert (
            log_in(client, forwarded_for="203.0.113.5", email=f"a{n}@example.com").status_code
            == 401
        )
    assert log_in(client, forwarded_for="203.0.113.5", email="z@example.com").status_code == 429
    assert log_in(client, forwarded_for="203.0.113.6", email="z@example.com").status_code == 401


def test_a_client_cannot_pick_its_address_by_sending_its_own_forwarded_for(app_with):
    client = app_with(trusted_proxies=1)
    for n in range(10):
        spoofed = f"192.0.2.{n}, 203.0.113.5"  # the proxy appends the address it saw
        assert log_in(client, forwarded_for=spoofed, email=f"a{n}@example.com").status_code == 401
    assert log_in(client, forwarded_for="192.0.2.99, 203.0.113.5").status_code == 429


def test_without_trusted_proxies_forwarded_for_is_ignored(app_with):
    client = app_with()
    for n in range(10):
        forwarded = f"203.0.113.{n}"
        assert log_in(client, forwarded_for=forwarded, email=f"a{n}@example.com").status_code == 401
    assert log_in(client, forwarded_for="203.0.113.200").status_code == 429


def test_the_login_rate_is_configurable(app_with):
    client = app_with(ratelimit_login="2/minute")
    statuses = [log_in(client, email=f"a{n}@example.com").status_code for n in range(3)]
    assert statuses == [401, 401, 429]


def test_sign_up_is_limited_per_email_domain_from_any_address(app_with):
    client = app_with(ratelimit_signup_domain="3/hour")
    statuses = [
        sign_up(client, f"bot{n}@Throwaway.example", address=f"198.51.100.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [201, 201, 201, 429]
    assert sign_up(client, "real@other.example", address="198.51.100.50").status_code == 201


def test_a_malformed_rate_names_its_setting(app_with):
    with pytest.raises(ConfigurationError, match="SKILLWISE_RATELIMIT_SIGNUP"):
        app_with(ratelimit_signup="lots")
