"""The enrollment as its student sees it through a dispute: suspended while it is open,
active again when won, revoked when lost; and a suspension is not undone by enrolling or
paying again."""

from __future__ import annotations

import pytest

from skillwise.application.learning.ports import EnrollmentView
from skillwise.application.learning.use_cases.enroll_in_course import EnrollInCourse
from skillwise.application.learning.use_cases.get_enrollment import GetEnrollment
from skillwise.application.learning.use_cases.list_enrollments import ListEnrollments
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.disputes import DisputeStatus
from skillwise.domain.enrollments import EnrollmentAccess, EnrollmentStatus, SuspensionReason
from skillwise.domain.errors import Conflict
from tests.fakes.learning import FakeLearningQueries
from tests.fakes.payments import Market, a_market
from tests.unit.payments.test_disputes import dispute_event, paid_with_charge


@pytest.fixture
def market() -> Market:
    return a_market()


def listed(market: Market) -> EnrollmentView:
    page = ListEnrollments(FakeLearningQueries(market.uow))(
        market.buyer.as_actor(), PageRequest(page=1, page_size=20)
    )
    [view] = page.items
    detail = GetEnrollment(FakeLearningQueries(market.uow))(market.buyer.as_actor(), view.id)
    assert (detail.access, detail.suspension_reason) == (view.access, view.suspension_reason)
    return view


def dispute(market: Market, payment, status: DisputeStatus) -> None:
    market.handle_event()(dispute_event(market, payment, status))


def test_a_paid_enrollment_is_active_with_no_suspension(market):
    paid_with_charge(market)

    view = listed(market)

    assert (view.access, view.suspension_reason) == (EnrollmentAccess.ACTIVE, None)


def test_an_open_dispute_shows_the_enrollment_suspended_for_it(market):
    payment = paid_with_charge(market)

    dispute(market, payment, DisputeStatus.NEEDS_RESPONSE)

    view = listed(market)
    assert view.status is EnrollmentStatus.ACTIVE
    assert (view.access, view.suspension_reason) == (
        EnrollmentAccess.SUSPENDED,
        SuspensionReason.PAYMENT_DISPUTED,
    )


def test_a_won_dispute_shows_the_enrollment_active_again(market):
    payment = paid_with_charge(market)
    dispute(market, payment, DisputeStatus.NEEDS_RESPONSE)

    dispute(market, payment, DisputeStatus.WON)

    view = listed(market)
    assert (view.access, view.suspension_reason) == (EnrollmentAccess.ACTIVE, None)


def test_a_lost_dispute_keeps_the_enrollment_listed_as_revoked(market):
    payment = paid_with_charge(market)
    dispute(market, payment, DisputeStatus.NEEDS_RESPONSE)

    dispute(market, payment, DisputeStatus.LOST)

    view = listed(market)
    assert view.status is EnrollmentStatus.REFUNDED
    assert (view.access, view.suspension_reason) == (EnrollmentAccess.REVOKED, None)


def test_enrolling_again_while_suspended_answers_the_suspended_enrollment_unchanged(market):
    payment = paid_with_charge(market)
    dispute(market, payment, DisputeStatus.NEEDS_RESPONSE)
    count_before = market.uow.courses.get(market.course.id).enrollment_count
    enroll = EnrollInCourse(market.uow, market.clock, FakeLearningQueries(market.uow))

    view, created = enroll(market.buyer.as_actor(), market.course.id)

    assert not created
    assert view.access is EnrollmentAccess.SUSPENDED
    assert market.uow.courses.get(market.course.id).enrollment_count == count_before


def test_paying_again_while_suspended_is_refused_as_already_owned(market):
    payment = paid_with_charge(market)
    dispute(market, payment, DisputeStatus.NEEDS_RESPONSE)

    with pytest.raises(Conflict) as refused:
        market.open_payment()

    assert refused.value.code == "already_enrolled"
