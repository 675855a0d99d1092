"""Each notification is pushed once to each of its user's devices, through the outbox."""

import pytest

from skillwise.application.notifications.delivery import PushNotDelivered
from skillwise.application.notifications.push import RetryLater, TokenInvalid
from skillwise.domain.notifications import Channel


def test_writing_a_notification_writes_exactly_one_push_message(fake_uow, notify, ada):
    message_id = notify(ada)

    assert fake_uow.outbox.topics() == ["push"]
    assert message_id in fake_uow.relayed


def test_a_rolled_back_notification_leaves_no_push(fake_uow, ada, clock):
    from skillwise.domain.notifications import Notification

    with fake_uow:
        fake_uow.notifications.add(
            Notification(user_id=ada.user_id, kind="enrollment", title="x", created_at=clock.now())
        )

    assert fake_uow.outbox.rows == {}


def test_the_push_reaches_every_device_of_the_user_and_no_one_else(
    register, notify, deliver, push_sender, ada, bo
):
    register(ada, "ada-phone")
    register(ada, "ada-tablet")
    register(bo, "bo-phone")

    assert deliver(notify(ada, course_id="c-1")) is True

    assert sorted(m.token for m in push_sender.sent) == ["ada-phone", "ada-tablet"]
    assert push_sender.sent[0].data["kind"] == "payment_succeeded"
    assert push_sender.sent[0].data["course_id"] == "c-1"


def test_a_message_delivered_twice_sends_to_each_device_once(
    fake_uow, register, notify, deliver, push_sender, ada
):
    register(ada, "ada-phone")
    message_id = notify(ada)
    deliver(message_id)
    # As if the outbox row had been reset, or a second worker had raced the first.
    fake_uow.outbox.rows[message_id].delivered_at = None

    deliver(message_id)

    assert [m.token for m in push_sender.sent] == ["ada-phone"]


def test_a_push_service_asking_for_a_retry_leaves_the_message_for_later_and_resends_only_the_rest(
    fake_uow, register, notify, deliver, push_sender, ada
):
    register(ada, "ada-phone")
    register(ada, "ada-tablet")
    push_sender.script["ada-tablet"] = [RetryLater(after_seconds=30, reason="503 UNAVAILABLE")]
    message_id = notify(ada)

    with pytest.raises(PushNotDelivered) as raised:
        deliver(message_id)

    assert raised.value.after_seconds == 30
    message = fake_uow.outbox.rows[message_id]
    assert (message.delivered_at, message.attempts) == (None, 1)

    assert deliver(message_id) is True
    assert sorted(m.token for m in push_sender.sent) == ["ada-phone", "ada-tablet", "ada-tablet"]
    assert fake_uow.outbox.rows[message_id].delivered_at is not None


def test_a_dead_token_removes_its_device(fake_uow, register, notify, deliver, push_sender, ada):
    dead = register(ada, "uninstalled").device
    alive = register(ada, "ada-phone").device
    push_sender.script["uninstalled"] = [TokenInvalid(reason="UNREGISTERED")]

    deliver(notify(ada))

    assert set(fake_uow.devices.rows) == {alive.id}
    assert dead.id not in fake_uow.devices.rows


def test_no_push_goes_out_when_the_user_turned_that_kind_of_push_off(
    fake_uow, register, notify, deliver, push_sender, ada, clock
):
    register(ada, "ada-phone")
    with fake_uow:
        fake_uow.notification_preferences.choose(
            ada.user_id, "payment_failed", Channel.PUSH, False, clock.now()
        )
        fake_uow.commit()

    # A rejected payment is governed by the payment_failed preference.
    assert deliver(notify(ada, kind="payment_rejected")) is True
    deliver(notify(ada, kind="enrollment"))

    assert [m.data["kind"] for m in push_sender.sent] == ["enrollment"]
