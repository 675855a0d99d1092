"""The payments shop and gateway doubles, for buying with coupons."""

from __future__ import annotations

from tests.integration.payments.conftest import (  # noqa: F401  (fixtures shared with payments)
    public_url,
    shop,
    stripe_api,
    stripe_gateway,
)
