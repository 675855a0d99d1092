"""The payments shop and gateway doubles, for buying with coupons."""

from __future__ import annotations

import pytest
from dependency_injector import providers
from flask import Flask

from skillwise.entrypoints.http.app import create_app
from tests.integration.payments.conftest import (  # noqa: F401  (fixtures shared with payments)
    public_url,
    shop,
    stripe_api,
    stripe_gateway,
    stripe_settings,
)


@pytest.fixture
def stripe_app(container, stripe_settings, stripe_gateway) -> Flask:  # noqa: F811
    """The app with Stripe, pointed at the Stripe double, as its default gateway."""
    container.infra.gateways.stripe.override(providers.Object(stripe_gateway))
    container.infra.settings.override(providers.Object(stripe_settings))
    app = create_app(container)
    app.config["TESTING"] = True
    return app
