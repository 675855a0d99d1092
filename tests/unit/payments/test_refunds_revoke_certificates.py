"""Every refund path ends access through revoke_enrollment, which revokes the certificate."""

from __future__ import annotations

import pytest

from skillwise.application.learning.completion import complete_enrollment
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.use_cases.refund_payment import RefundPayment
from skillwise.domain.certificates import CertificateStatus
from tests.fakes.payments import Market, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def a_completed_purchase(market: Market):
    payment = market.paid_payment()
    with market.uow as uow:
        enrollment = uow.enrollments.get_for(market.buyer.id, market.course.id)
        assert complete_enrollment(uow, enrollment, market.clock.now())
        uow.enrollments.save(enrollment)
        uow.commit()
    [certificate] = market.uow.certificates.rows.values()
    assert certificate.status is CertificateStatus.VALID
    return payment, certificate


def test_an_admin_refund_revokes_the_buyers_certificate(market):
    payment, certificate = a_completed_purchase(market)
    market.clock.advance(days=2)

    RefundPayment(market.uow, market.gateways, market.handle_event())(
        market.admin.as_actor(), payment.id
    )

    revoked = market.uow.certificates.get_for_enrollment(certificate.enrollment_id)
    assert revoked.status is CertificateStatus.REVOKED
    assert revoked.revoked_at == market.clock.now()


def test_a_refund_reported_by_the_gateway_revokes_it_too(market):
    payment, certificate = a_completed_purchase(market)

    market.deliver(GatewayEventKind.REFUNDED, payment)

    revoked = market.uow.certificates.get_for_enrollment(certificate.enrollment_id)
    assert revoked.status is CertificateStatus.REVOKED
