"""The payment gateways, each built only when its credentials are configured."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from dependency_injector import containers, providers

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.adapters.payments.registry import ConfiguredGateways
from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.adapters.payments.stripe_gateway import StripeGateway
from skillwise.settings import ConfigurationError, Settings

STRIPE_API_HOST = "api.stripe.com"
SSLCOMMERZ_LIVE_HOST = "securepay.sslcommerz.com"


def _fake_gateway_secret(settings: Settings) -> str:
    """The fake gateway signs with a key of its own, derived from the app's secret."""
    return hmac.new(settings.secret_key.encode(), b"fake-gateway-webhooks", "sha256").hexdigest()


def _fake_gateway_enabled(settings: Settings) -> bool:
    return not settings.is_production


def _configured_gateways(settings: Settings, **providers_by_name):
    """The gateways with credentials: Stripe with all three keys, SSLCOMMERZ with a store id
    and password, the fake one outside production."""
    stripe_keys = (
        settings.stripe_secret_key,
        settings.stripe_publishable_key,
        settings.stripe_webhook_secret,
    )
    if any(stripe_keys) and not all(stripe_keys):
        raise ConfigurationError(
            "Stripe needs SKILLWISE_STRIPE_SECRET_KEY, SKILLWISE_STRIPE_PUBLISHABLE_KEY and "
            "SKILLWISE_STRIPE_WEBHOOK_SECRET together."
        )
    configured = {
        "fake": _fake_gateway_enabled(settings),
        "stripe": all(stripe_keys),
        "sslcommerz": bool(settings.sslcommerz_store_id and settings.sslcommerz_store_password),
    }
    if settings.is_production and not settings.payments_test_mode:
        _refuse_test_gateways(settings, configured)
    return {name: provider for name, provider in providers_by_name.items() if configured[name]}


def _refuse_test_gateways(settings: Settings, configured: dict[str, bool]) -> None:
    """Production takes real money: a gateway left on test keys or a sandbox would take
    none while every purchase looked paid."""
    wrong = []
    if configured["stripe"]:
        for name, key, prefix in (
            ("SKILLWISE_STRIPE_SECRET_KEY", settings.stripe_secret_key, ("sk_test_", "rk_test_")),
            ("SKILLWISE_STRIPE_PUBLISHABLE_KEY", settings.stripe_publishable_key, ("pk_test_",)),
        ):
            if (key or "").startswith(prefix):
                wrong.append(f"{name} is a test-mode key ({prefix[0]}...)")
        base = settings.stripe_api_base
        if base and urlsplit(base).hostname != STRIPE_API_HOST:
            wrong.append(f"SKILLWISE_STRIPE_API_BASE points at {base}, not {STRIPE_API_HOST}")
    if configured["sslcommerz"]:
        host = urlsplit(settings.sslcommerz_api_base).hostname
        if host != SSLCOMMERZ_LIVE_HOST:
            wrong.append(
                f"SKILLWISE_SSLCOMMERZ_API_BASE points at {host or 'nothing'}, not the live "
                f"{SSLCOMMERZ_LIVE_HOST}"
            )
    if wrong:
        raise ConfigurationError(
            "SKILLWISE_ENV=production but "
            + "; ".join(wrong)
            + ". Set live credentials, or SKILLWISE_PAYMENTS_TEST_MODE=true to run against "
            "test payments on purpose."
        )


def _fake_checkout_signer(settings: Settings, fake_gateway):
    return fake_gateway() if _fake_gateway_enabled(settings) else None


class Gateways(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    fake = providers.Singleton(
        FakeGateway,
        secret_key=providers.Callable(_fake_gateway_secret, settings),
        public_url=settings.provided.public_url,
    )
    stripe = providers.Singleton(
        StripeGateway,
        secret_key=settings.provided.stripe_secret_key,
        publishable_key=settings.provided.stripe_publishable_key,
        webhook_secret=settings.provided.stripe_webhook_secret,
        api_base=settings.provided.stripe_api_base,
    )
    sslcommerz = providers.Singleton(
        SslcommerzGateway,
        store_id=settings.provided.sslcommerz_store_id,
        store_password=settings.provided.sslcommerz_store_password,
        api_base=settings.provided.sslcommerz_api_base,
        public_url=settings.provided.public_url,
    )
    registry = providers.Singleton(
        ConfiguredGateways,
        gateways=providers.Callable(
            _configured_gateways,
            settings,
            fake=fake.provider,
            stripe=stripe.provider,
            sslcommerz=sslcommerz.provider,
        ),
        default_name=settings.provided.payment_gateway,
    )
    fake_checkout_signer = providers.Callable(_fake_checkout_signer, settings, fake.provider)
