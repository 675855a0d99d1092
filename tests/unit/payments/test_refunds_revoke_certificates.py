"""Every refund path ends access through revoke_enrollment, which revokes the certificate."""

from __future__ import annotations

import pytest

from skillwise.application.learning.completion import complete_enrollment
from skillwise.domain.certificates import CertificateStatus
from skillwise.domain.refunds import RefundStatus
from tests.fakes.payments import Market, a_market
from tests.unit.payments.test_refunds import refund_update


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

    market.refund_payment()(market.admin.as_actor(), payment.id)

    revoked = market.uow.certificates.get_for_enrollment(certificate.enrollment_id)
    assert revoked.status is CertificateStatus.REVOKED
    assert revoked.revoked_at == market.clock.now()


def test_a_refund_the_gateway_settles_later_revokes_it_too(market):
    payment, certificate = a_completed_purchase(market)
    market.gateway.refund_answer = RefundStatus.PENDING
    market.refund(payment)
    assert market.uow.certificates.get_for_enrollment(certificate.enrollment_id).status is (
        CertificateStatus.VALID
    )
    [refund] = market.uow.refunds.rows.values()

    market.handle_event()(refund_update(market, payment, refund, RefundStatus.SUCCEEDED))

    revoked = market.uow.certificates.get_for_enrollment(certificate.enrollment_id)
    assert revoked.status is CertificateStatus.REVOKED
