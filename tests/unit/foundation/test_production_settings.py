"""Production refuses secrets that are short, placeholders, or the development defaults."""

import pytest

from skillwise.settings import ConfigurationError, Settings

STRONG = "pX9vQ2mL7rT4wZ8kB3nH6yJ1cF5dG0sA"


def production(tmp_path, **environ):
    return {"SKILLWISE_ENV": "production", "SKILLWISE_VAR_DIR": str(tmp_path), **environ}


def test_production_refuses_a_secret_key_under_32_bytes(tmp_path):
    with pytest.raises(ConfigurationError, match=r"SKILLWISE_SECRET_KEY.*32 bytes"):
        Settings.from_env(production(tmp_path, SKILLWISE_SECRET_KEY="x"))
    with pytest.raises(ConfigurationError, match="SKILLWISE_SECRET_KEY"):
        Settings.from_env(production(tmp_path, SKILLWISE_SECRET_KEY=STRONG[:31]))


def test_the_length_is_counted_in_bytes_not_characters(tmp_path):
    eighteen_characters_in_34_bytes = "€" * 8 + "aQ7bR2cS9d"
    settings = Settings.from_env(
        production(tmp_path, SKILLWISE_SECRET_KEY=eighteen_characters_in_34_bytes)
    )
    assert settings.is_production


@pytest.mark.parametrize(
    "known",
    [
        "test-secret-key-that-is-long-enough-for-hs256",
        "change-me-change-me-change-me-change-me",
        "k" * 40,
        "my-production-secret-for-skillwise-2026",
    ],
)
def test_production_refuses_known_development_and_placeholder_keys(tmp_path, known):
    with pytest.raises(ConfigurationError, match="SKILLWISE_SECRET_KEY"):
        Settings.from_env(production(tmp_path, SKILLWISE_SECRET_KEY=known))


def test_production_refuses_the_key_generated_for_development(tmp_path):
    generated = Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path)}).secret_key
    with pytest.raises(ConfigurationError, match="development"):
        Settings.from_env(production(tmp_path, SKILLWISE_SECRET_KEY=generated))


def test_production_accepts_a_long_random_key(tmp_path):
    settings = Settings.from_env(production(tmp_path, SKILLWISE_SECRET_KEY=STRONG))
    assert settings.secret_key == STRONG


def test_development_accepts_any_key(tmp_path):
    settings = Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path), "SKILLWISE_SECRET_KEY": "x"})
    assert settings.secret_key == "x"


def test_trusted_proxies_and_rate_limits_are_read_from_the_environment(tmp_path):
    settings = Settings.from_env(
        {
            "SKILLWISE_VAR_DIR": str(tmp_path),
            "SKILLWISE_TRUSTED_PROXIES": "2",
            "SKILLWISE_RATELIMIT_LOGIN": "20/minute",
            "SKILLWISE_RATELIMIT_SIGNUP": "50/minute",
            "SKILLWISE_RATELIMIT_SIGNUP_DOMAIN": "500/hour",
            "SKILLWISE_RATELIMIT_PASSWORD_RESET": "3/minute",
            "SKILLWISE_RATELIMIT_RESEND_VERIFICATION": "4/minute",
        }
    )
    assert settings.trusted_proxies == 2
    assert settings.ratelimit_login == "20/minute"
    assert settings.ratelimit_signup == "50/minute"
    assert settings.ratelimit_signup_domain == "500/hour"
    assert settings.ratelimit_password_reset == "3/minute"
    assert settings.ratelimit_resend_verification == "4/minute"


def test_trusted_proxies_default_to_none(tmp_path):
    assert Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path)}).trusted_proxies == 0


def test_a_negative_proxy_count_is_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="SKILLWISE_TRUSTED_PROXIES"):
        Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path), "SKILLWISE_TRUSTED_PROXIES": "-1"})


def test_the_metrics_token_is_read_and_must_be_long_in_production(tmp_path):
    token = "m" * 8 + STRONG
    settings = Settings.from_env(
        {"SKILLWISE_VAR_DIR": str(tmp_path), "SKILLWISE_METRICS_TOKEN": token}
    )
    assert settings.metrics_token == token
    assert Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path)}).metrics_token is None
    with pytest.raises(ConfigurationError, match="SKILLWISE_METRICS_TOKEN"):
        Settings.from_env(
            production(tmp_path, SKILLWISE_SECRET_KEY=STRONG, SKILLWISE_METRICS_TOKEN="short")
        )
