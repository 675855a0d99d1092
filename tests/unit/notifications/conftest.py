"""Users, devices and notifications written through the fake unit of work."""

from __future__ import annotations

from uuid import uuid4

import pytest

from skillwise.application.notifications.delivery import SendPush
from skillwise.application.notifications.use_cases.register_device import RegisterDevice
from skillwise.application.shared.use_cases.deliver_outbox_message import DeliverOutboxMessage
from skillwise.domain.identity import Actor, Role
from skillwise.domain.notifications import Notification, Platform
from tests.fakes.notifications import ScriptedPushSender


@pytest.fixture
def ada():
    return Actor(user_id=uuid4(), role=Role.STUDENT)


@pytest.fixture
def bo():
    return Actor(user_id=uuid4(), role=Role.STUDENT)


@pytest.fixture
def register(fake_uow, clock):
    def register_device(actor, token, platform=Platform.ANDROID):
        return RegisterDevice(fake_uow, clock)(actor, platform=platform, token=token)

    return register_device


@pytest.fixture
def notify(fake_uow, clock):
    """Writes a notification as a use case does; returns the id of its push message."""

    def write(actor, kind="payment_succeeded", **data):
        notification = Notification(
            user_id=actor.user_id,
            kind=kind,
            title="Payment received for Rust",
            body="We received USD 19.99.",
            data=data,
            created_at=clock.now(),
        )
        with fake_uow:
            fake_uow.notifications.add(notification)
            fake_uow.commit()
        [message_id] = [
            m.id
            for m in fake_uow.outbox.rows.values()
            if m.payload.get("notification_id") == str(notification.id)
        ]
        return message_id

    return write


@pytest.fixture
def push_sender():
    return ScriptedPushSender()


@pytest.fixture
def deliver(fake_uow, clock, push_sender):
    return DeliverOutboxMessage(fake_uow, {"push": SendPush(push_sender, clock)}, clock)
