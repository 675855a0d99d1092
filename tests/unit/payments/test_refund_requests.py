"""Refund requests: the buyer asks within the policy, an admin approves or rejects."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from skillwise.application.payments.use_cases.decide_refund_request import DecideRefundRequest
from skillwise.application.payments.use_cases.list_refund_requests import ListRefundRequests
from skillwise.application.payments.use_cases.request_refund import RequestRefund
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.errors import (
    Conflict,
    DomainValidationError,
    PaymentNotFound,
    PermissionDenied,
    RefundRequestNotFound,
)
from skillwise.domain.learning.progress import LessonProgress, LessonRef
from skillwise.domain.payments import PaymentStatus
from skillwise.domain.refunds import RefundDecision, RefundPolicy, RefundRequestStatus, RefundStatus
from tests.factories import a_user
from tests.fakes.payments import Market, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def ask(market: Market, payment_id, reason: str = "Not what I expected", user=None):
    policy = RefundPolicy(window_days=30, max_progress_percent=30)
    return RequestRefund(market.uow, market.clock, policy)(
        (user or market.buyer).as_actor(), payment_id, reason
    )


def decide(market: Market, request_id, decision: RefundDecision, note: str = ""):
    return DecideRefundRequest(market.uow, market.clock, market.refund_payment())(
        market.admin.as_actor(), request_id, decision, note
    )


def complete_lessons(market: Market, done: int, total: int = 10) -> None:
    lessons = [LessonRef(uuid4()) for _ in range(total)]
    market.uow.lesson_progress.outlines[market.course.id] = lessons
    enrollment = market.uow.enrollments.get_for(market.buyer.id, market.course.id)
    for lesson in lessons[:done]:
        market.uow.lesson_progress.add(
            LessonProgress(
                enrollment_id=enrollment.id,
                lesson_id=lesson.id,
                updated_at=market.clock.now(),
                completed=True,
            )
        )


def kinds_told(market: Market) -> list[str]:
    return [n.kind for n in market.uow.notifications.for_user(market.buyer.id)]


def test_the_buyer_asks_for_a_refund_within_the_window(market):
    payment = market.paid_payment()
    market.clock.advance(days=29)

    request = ask(market, payment.id)

    assert (request.status, request.payment_id, request.user_id) == (
        RefundRequestStatus.OPEN,
        payment.id,
        market.buyer.id,
    )
    assert market.uow.refund_requests.get(request.id) is not None
    assert market.gateway.refunds == []


def test_after_the_window_the_request_is_refused(market):
    payment = market.paid_payment()
    market.clock.advance(days=30, minutes=1)

    with pytest.raises(DomainValidationError) as refused:
        ask(market, payment.id)

    assert refused.value.code == "refund_window_closed"


def test_with_too_much_of_the_course_done_the_request_is_refused(market):
    payment = market.paid_payment()
    complete_lessons(market, done=3)

    with pytest.raises(DomainValidationError) as refused:
        ask(market, payment.id)

    assert refused.value.code == "too_much_progress"


def test_progress_under_the_limit_is_allowed(market):
    payment = market.paid_payment()
    complete_lessons(market, done=2)

    assert ask(market, payment.id).status is RefundRequestStatus.OPEN


def test_one_open_request_per_payment(market):
    payment = market.paid_payment()
    ask(market, payment.id)

    with pytest.raises(Conflict) as refused:
        ask(market, payment.id)

    assert refused.value.code == "refund_request_open"


def test_only_the_buyer_may_ask_and_others_are_told_it_does_not_exist(market):
    payment = market.paid_payment()
    stranger = a_user()
    market.add(stranger)

    with pytest.raises(PaymentNotFound):
        ask(market, payment.id, user=stranger)


def test_an_unpaid_payment_cannot_be_asked_back(market):
    payment = market.open_payment()

    with pytest.raises(Conflict) as refused:
        ask(market, payment.id)

    assert refused.value.code == "payment_not_refundable"


def test_approval_refunds_what_is_left_and_tells_the_buyer_twice(market):
    payment = market.paid_payment()
    request = ask(market, payment.id)

    decided = decide(market, request.id, RefundDecision.APPROVE, "fine")

    assert decided.status is RefundRequestStatus.APPROVED
    assert decided.decided_by == market.admin.id
    [refund] = market.uow.refunds.rows.values()
    assert decided.refund_id == refund.id
    assert (refund.refund_request_id, refund.status) == (request.id, RefundStatus.SUCCEEDED)
    assert market.stored(payment).status is PaymentStatus.REFUNDED
    told = kinds_told(market)
    assert "refund_request_approved" in told and "payment_refunded" in told


def test_approval_with_a_pending_refund_tells_the_buyer_the_money_is_on_its_way(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING
    request = ask(market, payment.id)

    decide(market, request.id, RefundDecision.APPROVE)

    told = kinds_told(market)
    assert "refund_request_approved" in told and "payment_refunded" not in told
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


def test_rejection_refunds_nothing_and_tells_the_buyer_why(market):
    payment = market.paid_payment()
    request = ask(market, payment.id)

    decided = decide(market, request.id, RefundDecision.REJECT, "Most of the course was watched")

    assert decided.status is RefundRequestStatus.REJECTED
    assert market.gateway.refunds == []
    [notice] = [
        n
        for n in market.uow.notifications.for_user(market.buyer.id)
        if n.kind == "refund_request_rejected"
    ]
    assert "Most of the course was watched" in notice.body
    assert ask(market, payment.id).status is RefundRequestStatus.OPEN


def test_a_request_is_decided_once(market):
    payment = market.paid_payment()
    request = ask(market, payment.id)
    decide(market, request.id, RefundDecision.REJECT)

    with pytest.raises(Conflict) as refused:
        decide(market, request.id, RefundDecision.APPROVE)

    assert refused.value.code == "refund_request_decided"
    assert market.gateway.refunds == []


def test_deciding_an_unknown_request_is_not_found(market):
    with pytest.raises(RefundRequestNotFound):
        decide(market, uuid4(), RefundDecision.APPROVE)


def test_admins_list_open_requests_oldest_first(market):
    first = ask(market, market.paid_payment().id)
    other = a_user()
    market.add(other)
    market.clock.advance(minutes=1)
    second = ask(market, market.paid_payment(buyer=other).id, user=other)
    decide(market, first.id, RefundDecision.REJECT)

    page = ListRefundRequests(market.uow)(
        market.admin.as_actor(), RefundRequestStatus.OPEN, PageRequest()
    )
    every = ListRefundRequests(market.uow)(market.admin.as_actor(), None, PageRequest())

    assert [r.id for r in page.items] == [second.id]
    assert [r.id for r in every.items] == [first.id, second.id]
    with pytest.raises(PermissionDenied):
        ListRefundRequests(market.uow)(market.buyer.as_actor(), None, PageRequest())


def test_the_policy_counts_days_from_the_payment(market):
    payment = market.paid_payment()
    assert payment.paid_at is not None
    market.clock.advance(days=30)

    assert ask(market, payment.id).created_at - payment.paid_at == timedelta(days=30)
