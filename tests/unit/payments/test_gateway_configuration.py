"""Which gateways a deployment offers, decided by configuration alone."""

from __future__ import annotations

from uuid import uuid4

import pytest
from dependency_injector import providers

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.application.payments.gateway import GatewayEventKind, InvalidWebhook, WebhookRequest
from skillwise.containers import Container
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money
from skillwise.entrypoints.http.app import create_app
from skillwise.settings import ConfigurationError, Settings

SECRET = "a-test-secret-key-long-enough-for-signing"

STRIPE = {
    "stripe_secret_key": "sk_test_1",
    "stripe_publishable_key": "pk_test_1",
    "stripe_webhook_secret": "whsec_1",
}
SSLCOMMERZ = {"sslcommerz_store_id": "store", "sslcommerz_store_password": "store@ssl"}
LIVE_SSLCOMMERZ = "https://securepay.sslcommerz.com"
LIVE_STRIPE = {
    "stripe_secret_key": "sk_live_1",
    "stripe_publishable_key": "pk_live_1",
    "stripe_webhook_secret": "whsec_1",
}


def container_with(**settings) -> Container:
    container = Container()
    container.infra.settings.override(providers.Object(Settings(secret_key=SECRET, **settings)))
    return container


def test_out_of_the_box_only_the_fake_gateway_is_offered_and_it_is_the_default():
    gateways = container_with().infra.payment_gateways()

    assert gateways.names() == ["fake"]
    assert gateways.default_name == "fake"
    assert gateways.get("fake").name == "fake"


def test_stripe_and_sslcommerz_are_offered_once_their_credentials_are_set():
    container = container_with(payment_gateway="stripe", **STRIPE, **SSLCOMMERZ)
    gateways = container.infra.payment_gateways()

    assert gateways.names() == ["fake", "sslcommerz", "stripe"]
    assert gateways.default_name == "stripe"
    assert (gateways.get("stripe").name, gateways.get("sslcommerz").name) == (
        "stripe",
        "sslcommerz",
    )


def test_production_never_offers_the_fake_gateway_nor_its_checkout_page():
    container = container_with(env="production", **SSLCOMMERZ, sslcommerz_api_base=LIVE_SSLCOMMERZ)

    assert container.infra.payment_gateways().names() == ["sslcommerz"]
    assert container.infra.fake_checkout_signer() is None
    with pytest.raises(DomainValidationError) as refused:
        container.infra.payment_gateways().get("fake")
    assert refused.value.code == "unknown_gateway"


def test_half_a_stripe_configuration_is_a_configuration_error():
    with pytest.raises(ConfigurationError):
        container_with(stripe_secret_key="sk_test_1").infra.payment_gateways()


def test_the_fake_gateway_signs_with_a_key_derived_from_the_secret_not_the_secret_itself():
    container = container_with()

    signer = container.infra.fake_checkout_signer()
    body, headers = signer.sign_event(uuid4(), GatewayEventKind.SUCCEEDED, Money(1999, "USD"))

    assert signer is container.infra.payment_gateways().get("fake")
    assert signer.parse_webhook(WebhookRequest(headers=headers, body=body))
    with pytest.raises(InvalidWebhook):
        FakeGateway(SECRET, "http://testserver").parse_webhook(
            WebhookRequest(headers=headers, body=body)
        )


def test_the_platform_fee_is_read_from_the_environment_in_basis_points():
    default = Settings.from_env({"SKILLWISE_SECRET_KEY": SECRET})
    free = Settings.from_env({"SKILLWISE_SECRET_KEY": SECRET, "SKILLWISE_PLATFORM_FEE_BPS": "0"})

    assert (default.platform_fee_bps, free.platform_fee_bps) == (2000, 0)
    assert container_with(platform_fee_bps=1500).payments.platform_fee().basis_points == 1500


@pytest.mark.parametrize("basis_points", ["-1", "10001"])
def test_a_platform_fee_outside_zero_to_ten_thousand_basis_points_stops_startup(basis_points):
    with pytest.raises(ConfigurationError):
        Settings.from_env(
            {"SKILLWISE_SECRET_KEY": SECRET, "SKILLWISE_PLATFORM_FEE_BPS": basis_points}
        )


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({**STRIPE, "payment_gateway": "stripe"}, "SKILLWISE_STRIPE_SECRET_KEY"),
        (
            {**LIVE_STRIPE, "stripe_publishable_key": "pk_test_1", "payment_gateway": "stripe"},
            "SKILLWISE_STRIPE_PUBLISHABLE_KEY",
        ),
        (
            {
                **LIVE_STRIPE,
                "stripe_api_base": "http://127.0.0.1:12111",
                "payment_gateway": "stripe",
            },
            "SKILLWISE_STRIPE_API_BASE",
        ),
        ({**SSLCOMMERZ, "payment_gateway": "sslcommerz"}, "SKILLWISE_SSLCOMMERZ_API_BASE"),
        # A gateway a purchase may name counts as much as the default one.
        ({**LIVE_STRIPE, **SSLCOMMERZ, "payment_gateway": "stripe"}, "sandbox.sslcommerz.com"),
    ],
)
def test_production_refuses_to_start_on_a_test_gateway_and_names_the_setting(settings, named):
    container = container_with(env="production", **settings)

    with pytest.raises(ConfigurationError, match=named) as refused:
        create_app(container)
    assert "SKILLWISE_PAYMENTS_TEST_MODE" in str(refused.value)


def test_production_starts_on_test_gateways_when_test_mode_says_so_on_purpose():
    container = container_with(
        env="production", payments_test_mode=True, payment_gateway="stripe", **STRIPE, **SSLCOMMERZ
    )

    create_app(container)
    assert container.infra.payment_gateways().names() == ["sslcommerz", "stripe"]


def test_production_starts_on_live_keys_and_the_live_sslcommerz_host():
    container = container_with(
        env="production",
        payment_gateway="stripe",
        **LIVE_STRIPE,
        **SSLCOMMERZ,
        sslcommerz_api_base=LIVE_SSLCOMMERZ,
    )

    create_app(container)
    assert container.infra.payment_gateways().names() == ["sslcommerz", "stripe"]


def test_test_mode_is_read_from_skillwise_payments_test_mode():
    base = {"SKILLWISE_SECRET_KEY": SECRET}
    assert Settings.from_env(base).payments_test_mode is False
    assert Settings.from_env({**base, "SKILLWISE_PAYMENTS_TEST_MODE": "true"}).payments_test_mode


def test_outside_production_test_keys_and_sandboxes_are_what_one_expects():
    container = container_with(payment_gateway="stripe", **STRIPE, **SSLCOMMERZ)

    create_app(container)
    assert container.infra.payment_gateways().names() == ["fake", "sslcommerz", "stripe"]
