import pytest

from skillwise.application.shared.email import SendEmail, queue_email
from skillwise.application.shared.use_cases.deliver_outbox_message import (
    DeliverOutboxMessage,
    RelayStaleOutbox,
)
from tests.fakes.basics import RecordingTaskQueue


class BrokenMailer:
    def send(self, message):
        raise ConnectionRefusedError("smtp down")


def queued_message_id(uow, clock):
    with uow:
        queue_email(uow, clock, to="ada@example.com", subject="Hi", text="Hello")
        uow.commit()
    (message_id,) = uow.outbox.rows
    return message_id


def test_an_email_queued_in_a_transaction_that_rolls_back_is_never_recorded(fake_uow, clock):
    with fake_uow:
        queue_email(fake_uow, clock, to="ada@example.com", subject="Hi", text="Hello")
    assert fake_uow.outbox.rows == {}


def test_delivering_a_message_sends_it_once_and_marks_it_delivered(
    fake_uow, clock, mailer, unsubscribe_links
):
    message_id = queued_message_id(fake_uow, clock)
    deliver = DeliverOutboxMessage(fake_uow, {"email": SendEmail(mailer, unsubscribe_links)}, clock)

    assert deliver(message_id) is True
    assert deliver(message_id) is False

    assert [(m.to, m.subject) for m in mailer.sent] == [("ada@example.com", "Hi")]
    assert fake_uow.outbox.rows[message_id].delivered_at == clock.now()


def test_a_failed_delivery_is_recorded_and_left_for_a_retry(fake_uow, clock, unsubscribe_links):
    message_id = queued_message_id(fake_uow, clock)
    deliver = DeliverOutboxMessage(
        fake_uow, {"email": SendEmail(BrokenMailer(), unsubscribe_links)}, clock
    )

    with pytest.raises(ConnectionRefusedError):
        deliver(message_id)

    message = fake_uow.outbox.rows[message_id]
    assert message.delivered_at is None
    assert message.attempts == 1
    assert "smtp down" in message.last_error


def test_the_relay_re_enqueues_only_stale_undelivered_messages(
    fake_uow, clock, mailer, unsubscribe_links
):
    old_id = queued_message_id(fake_uow, clock)
    clock.advance(minutes=5)
    with fake_uow:
        queue_email(fake_uow, clock, to="bo@example.com", subject="New", text="Fresh")
        fake_uow.commit()
    queue = RecordingTaskQueue()
    relay = RelayStaleOutbox(fake_uow, queue.deliver_outbox_message, clock)

    clock.advance(seconds=30)
    assert relay(older_than_seconds=60) == 1
    assert queue.enqueued == [old_id]

    DeliverOutboxMessage(fake_uow, {"email": SendEmail(mailer, unsubscribe_links)}, clock)(old_id)
    clock.advance(minutes=10)
    queue.enqueued.clear()
    assert relay(older_than_seconds=60) == 1
    assert old_id not in queue.enqueued
