"""Typed fields the payment schemas share: money in minor units, currencies, gateway names."""

from __future__ import annotations

from marshmallow import fields

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.adapters.payments.stripe_gateway import StripeGateway

AMOUNT_DESCRIPTION = "Integer amount in the currency's minor unit (1999 USD is 19.99 USD)."


# The gateways this build knows; which of them are switched on is configuration.
GATEWAY_NAMES = (FakeGateway.name, StripeGateway.name, SslcommerzGateway.name)


GATEWAY = {"type": "string", "enum": list(GATEWAY_NAMES)}


def money_field(attribute: str, description: str = AMOUNT_DESCRIPTION) -> fields.Integer:
    return fields.Integer(
        attribute=f"{attribute}.amount_minor",
        required=True,
        metadata={"description": description, "example": 1999},
    )


def currency_field(attribute: str) -> fields.String:
    return fields.String(
        attribute=f"{attribute}.currency",
        required=True,
        metadata={"description": "ISO 4217 code.", "example": "USD"},
    )


def gateway_field(attribute: str = "gateway") -> fields.String:
    return fields.String(attribute=attribute, required=True, metadata=GATEWAY)
