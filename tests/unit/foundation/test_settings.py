import pytest

from skillwise.settings import ConfigurationError, Settings


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigurationError, match="SKILLWISE_SECRET_KEY"):
        Settings.from_env({"SKILLWISE_ENV": "production", "SKILLWISE_VAR_DIR": str(tmp_path)})


def test_development_generates_one_secret_key_and_keeps_it(tmp_path):
    environ = {"SKILLWISE_VAR_DIR": str(tmp_path)}
    first = Settings.from_env(environ)
    second = Settings.from_env(environ)
    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key


def test_embedded_defaults_need_no_services(tmp_path):
    settings = Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'skillwise.db'}"
    assert settings.redis_url is None
    assert settings.payment_gateway == "fake"
    assert settings.email_backend == "console"
    assert settings.ratelimit_enabled is True
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_environment_names_from_the_contract_are_read(tmp_path):
    settings = Settings.from_env(
        {
            "SKILLWISE_VAR_DIR": str(tmp_path),
            "SKILLWISE_SECRET_KEY": "k" * 40,
            "SKILLWISE_DATABASE_URL": "postgresql+psycopg://u@db/skillwise",
            "SKILLWISE_REDIS_URL": "redis://cache:6379/0",
            "SKILLWISE_PUBLIC_URL": "https://api.example.com/",
            "SKILLWISE_PAYMENT_GATEWAY": "stripe",
            "SKILLWISE_RATELIMIT_ENABLED": "false",
            "PORT": "9000",
        }
    )
    assert settings.database_url == "postgresql+psycopg://u@db/skillwise"
    assert settings.redis_url == "redis://cache:6379/0"
    assert settings.public_url == "https://api.example.com"
    assert settings.payment_gateway == "stripe"
    assert settings.ratelimit_enabled is False
    assert settings.port == 9000


def test_links_follow_host_and_port_unless_a_public_url_is_set(tmp_path):
    served = Settings.from_env({"SKILLWISE_VAR_DIR": str(tmp_path), "PORT": "8011"})
    assert served.public_url == "http://127.0.0.1:8011"
    explicit = Settings.from_env(
        {"SKILLWISE_VAR_DIR": str(tmp_path), "PORT": "8011", "SKILLWISE_PUBLIC_URL": "https://x.io"}
    )
    assert explicit.public_url == "https://x.io"


def test_the_default_currency_is_an_iso_code_usd_unless_set(tmp_path):
    environ = {"SKILLWISE_VAR_DIR": str(tmp_path)}
    assert Settings.from_env(environ).default_currency == "USD"
    bdt = Settings.from_env({**environ, "SKILLWISE_DEFAULT_CURRENCY": "bdt"})
    assert bdt.default_currency == "BDT"
    with pytest.raises(ConfigurationError, match="SKILLWISE_DEFAULT_CURRENCY"):
        Settings.from_env({**environ, "SKILLWISE_DEFAULT_CURRENCY": "XAU"})
