"""Gateway doubles served over HTTP, and the real adapters pointed at them."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from uuid import uuid4

import pytest
from dependency_injector import providers

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.adapters.payments.stripe_gateway import StripeGateway
from skillwise.application.payments.gateway import CheckoutRequest
from skillwise.domain.catalog.course import Course
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.doubles.sslcommerz_api import SslcommerzApiDouble
from tests.doubles.stripe_api import StripeApiDouble
from tests.factories import a_course, a_user
from tests.integration.payments.storefront import Storefront, storefront


@pytest.fixture
def public_url() -> str:
    return "https://api.skillwise.test"


@pytest.fixture
def make_checkout() -> Callable[..., CheckoutRequest]:
    """A checkout for a fresh payment; keyword arguments replace any of its fields."""

    def make(**changes: Any) -> CheckoutRequest:
        request = CheckoutRequest(
            payment_id=uuid4(),
            amount=Money(1999, "USD"),
            course_id=uuid4(),
            course_title="Practical Flask APIs",
            customer_id=uuid4(),
            customer_email="learner@example.com",
            customer_name="Nadia Rahman",
        )
        return replace(request, **changes)

    return make


@pytest.fixture
def closed_port_url() -> str:
    """A local address where nothing listens, as a gateway that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def stripe_api() -> Iterator[StripeApiDouble]:
    with StripeApiDouble() as double:
        yield double


@pytest.fixture
def stripe_gateway(stripe_api: StripeApiDouble) -> StripeGateway:
    return StripeGateway(
        secret_key=stripe_api.secret_key,
        publishable_key=stripe_api.publishable_key,
        webhook_secret=stripe_api.webhook_secret,
        api_base=stripe_api.base_url,
        # Each retry sleeps at least half a second; the test about retries asks for one.
        max_network_retries=0,
    )


@pytest.fixture
def stripe_settings(settings_with, stripe_api: StripeApiDouble):
    """The test settings with Stripe, pointed at the Stripe double, as the default gateway."""
    return settings_with(
        payment_gateway="stripe",
        stripe_secret_key=stripe_api.secret_key,
        stripe_publishable_key=stripe_api.publishable_key,
        stripe_webhook_secret=stripe_api.webhook_secret,
        stripe_api_base=stripe_api.base_url,
    )


@pytest.fixture
def stripe_store(container, stripe_settings, shop, stripe_gateway: StripeGateway) -> Storefront:
    """The shop's app with Stripe (the double) as its gateway."""
    container.infra.gateways.stripe.override(providers.Object(stripe_gateway))
    return storefront(container, stripe_settings, shop)


@pytest.fixture
def sslcommerz_api() -> Iterator[SslcommerzApiDouble]:
    with SslcommerzApiDouble(
        store_id="skill65f0c0ffee", store_password="skill65f0c0ffee@ssl"
    ) as double:
        yield double


@pytest.fixture
def sslcommerz_gateway(sslcommerz_api: SslcommerzApiDouble, public_url: str) -> SslcommerzGateway:
    return SslcommerzGateway(
        sslcommerz_api.store_id,
        sslcommerz_api.store_password,
        sslcommerz_api.base_url,
        public_url=public_url,
        timeout_seconds=5,
    )


@pytest.fixture
def fake_gateway(public_url: str) -> FakeGateway:
    return FakeGateway(secret_key="fake-gateway-signing-key", public_url=public_url)


@dataclass
class Shop:
    """A published paid course, its instructor, a verified buyer and an admin, all stored."""

    instructor: User
    buyer: User
    admin: User
    course: Course


@pytest.fixture
def shop(uow_factory) -> Shop:
    instructor = a_user(Role.INSTRUCTOR)
    shop = Shop(
        instructor=instructor,
        buyer=a_user(),
        admin=a_user(Role.ADMIN),
        course=a_course(instructor, price=Money(1999, "USD"), title="Practical Flask APIs"),
    )
    with uow_factory() as uow:
        for user in (shop.instructor, shop.buyer, shop.admin):
            uow.users.add(user)
        uow.courses.add(shop.course)
        uow.commit()
    return shop
