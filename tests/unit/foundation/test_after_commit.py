"""Effects declared to the unit of work run after a commit, and never after a rollback."""

from __future__ import annotations

from uuid import uuid4

import pytest

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.shared.effects import AfterCommit, CourseChanged, OutboxMessageAdded
from tests.fakes.payments import a_market
from tests.fakes.unit_of_work import CommitFailed


class RecordingCache:
    def __init__(self) -> None:
        self.changed: list = []

    def course_changed(self, course_id) -> None:
        self.changed.append(course_id)


class RecordingQueue:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.handed: list = []

    def deliver_outbox_message(self, message_id) -> None:
        self.handed.append(message_id)
        if self.fail:
            raise ConnectionError("broker down")


def test_a_committed_sale_invalidates_its_course_and_relays_its_receipt_and_pushes():
    market = a_market()
    payment = market.open_payment()

    market.deliver(GatewayEventKind.SUCCEEDED, payment)

    assert market.catalog_cache.changed == [market.course.id]
    assert sorted(market.uow.relayed) == sorted(market.uow.outbox.rows)
    # The receipt, and a push for each notification (payment received, enrolled).
    assert sorted(market.uow.outbox.topics()) == ["email.receipt", "push", "push"]


def test_a_sale_whose_commit_fails_invalidates_nothing_and_relays_nothing():
    market = a_market()
    payment = market.open_payment()
    relayed_before = list(market.uow.relayed)
    market.uow.fail_next_commit = True

    with pytest.raises(CommitFailed):
        market.deliver(GatewayEventKind.SUCCEEDED, payment)

    assert market.catalog_cache.changed == []
    assert market.uow.relayed == relayed_before
    assert market.uow.outbox.rows == {}
    assert market.uow.enrollments.get_for(market.buyer.id, market.course.id) is None


def test_each_effect_runs_once_however_often_a_transaction_declares_it():
    cache, queue = RecordingCache(), RecordingQueue()
    course_id, message_id = uuid4(), uuid4()

    AfterCommit(cache, queue)(
        [CourseChanged(course_id), OutboxMessageAdded(message_id), CourseChanged(course_id)]
    )

    assert (cache.changed, queue.handed) == ([course_id], [message_id])


def test_a_broker_that_refuses_a_message_does_not_stop_the_other_effects():
    cache, queue = RecordingCache(), RecordingQueue(fail=True)
    first, second, course_id = uuid4(), uuid4(), uuid4()

    AfterCommit(cache, queue)(
        [OutboxMessageAdded(first), OutboxMessageAdded(second), CourseChanged(course_id)]
    )

    assert (queue.handed, cache.changed) == ([first, second], [course_id])
