"""What each user wants to be told, honoured by email as by push; one-click unsubscribe."""

import pytest

from skillwise.application.notifications.unsubscribe import UnsubscribeTarget
from skillwise.application.notifications.use_cases.get_notification_preferences import (
    GetNotificationPreferences,
)
from skillwise.application.notifications.use_cases.unsubscribe import (
    ReadUnsubscribeLink,
    Unsubscribe,
)
from skillwise.application.notifications.use_cases.update_notification_preferences import (
    UpdateNotificationPreferences,
)
from skillwise.application.shared.email import SendEmail, queue_email
from skillwise.application.shared.use_cases.deliver_outbox_message import DeliverOutboxMessage
from skillwise.domain.errors import DomainValidationError, InvalidUnsubscribeLink, PreferenceLocked
from skillwise.domain.notifications import PREFERENCE_KINDS, Channel


def test_every_kind_is_on_for_both_channels_until_turned_off(fake_uow, ada):
    preferences = GetNotificationPreferences(fake_uow)(ada)

    assert preferences.by_channel[Channel.PUSH] == dict.fromkeys(PREFERENCE_KINDS, True)
    assert set(preferences.by_channel[Channel.EMAIL]) >= set(PREFERENCE_KINDS) | {"password_reset"}
    assert all(preferences.by_channel[Channel.EMAIL].values())


def test_turning_one_kind_off_on_one_channel_leaves_the_rest_on(fake_uow, clock, ada, bo):
    update = UpdateNotificationPreferences(fake_uow, clock)

    after = update(ada, {Channel.EMAIL: {"new_review": False}})

    assert after.by_channel[Channel.EMAIL]["new_review"] is False
    assert after.by_channel[Channel.PUSH]["new_review"] is True
    assert GetNotificationPreferences(fake_uow)(bo).by_channel[Channel.EMAIL]["new_review"]
    back_on = update(ada, {Channel.EMAIL: {"new_review": True}})
    assert back_on.by_channel[Channel.EMAIL]["new_review"] is True


@pytest.mark.parametrize("kind", ["email_verification", "password_reset", "password_changed"])
def test_security_emails_cannot_be_turned_off(fake_uow, clock, ada, kind):
    with pytest.raises(PreferenceLocked):
        UpdateNotificationPreferences(fake_uow, clock)(
            ada, {Channel.EMAIL: {kind: False, "enrollment": False}}
        )

    assert fake_uow.notification_preferences.rows == {}


def test_an_unknown_kind_is_refused(fake_uow, clock, ada):
    with pytest.raises(DomainValidationError):
        UpdateNotificationPreferences(fake_uow, clock)(ada, {Channel.PUSH: {"gossip": False}})


def queue(uow, clock, **about):
    with uow:
        queue_email(uow, clock, to="ada@example.com", subject="Hi", text="Hello", **about)
        uow.commit()
    return next(iter(uow.outbox.rows))


def test_an_email_about_a_kind_turned_off_is_not_sent(
    fake_uow, clock, mailer, unsubscribe_links, ada
):
    UpdateNotificationPreferences(fake_uow, clock)(
        ada, {Channel.EMAIL: {"payment_refunded": False}}
    )
    message_id = queue(fake_uow, clock, kind="payment_refunded", user_id=ada.user_id)

    delivered = DeliverOutboxMessage(
        fake_uow, {"email": SendEmail(mailer, unsubscribe_links)}, clock
    )(message_id)

    assert delivered is True
    assert mailer.sent == []


def test_an_email_about_a_kind_carries_a_one_click_unsubscribe_link(
    fake_uow, clock, mailer, unsubscribe_links, ada
):
    message_id = queue(fake_uow, clock, kind="payment_refunded", user_id=ada.user_id)

    DeliverOutboxMessage(fake_uow, {"email": SendEmail(mailer, unsubscribe_links)}, clock)(
        message_id
    )

    [email] = mailer.sent
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = email.headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("https://skillwise.test/api/v1/notifications/unsubscribe/?u=")
    assert link in email.text
    value = link.partition("?u=")[2]
    assert unsubscribe_links.read(value) == UnsubscribeTarget(ada.user_id, "payment_refunded")


def test_security_emails_carry_no_unsubscribe_link(fake_uow, clock, mailer, unsubscribe_links):
    message_id = queue(fake_uow, clock)

    DeliverOutboxMessage(fake_uow, {"email": SendEmail(mailer, unsubscribe_links)}, clock)(
        message_id
    )

    [email] = mailer.sent
    assert dict(email.headers) == {}
    assert "unsubscribe" not in email.text.lower()


def test_the_unsubscribe_link_turns_that_kind_of_email_off(fake_uow, clock, unsubscribe_links, ada):
    value = unsubscribe_links.sign(UnsubscribeTarget(ada.user_id, "new_review"))

    assert ReadUnsubscribeLink(unsubscribe_links)(value).kind == "new_review"
    assert fake_uow.notification_preferences.rows == {}
    Unsubscribe(fake_uow, unsubscribe_links, clock)(value)

    choices = GetNotificationPreferences(fake_uow)(ada).by_channel
    assert choices[Channel.EMAIL]["new_review"] is False
    assert choices[Channel.PUSH]["new_review"] is True


@pytest.mark.parametrize(
    "tamper",
    [
        lambda v: v.replace("new_review", "enrollment"),
        lambda v: v[:-2] + ("AA" if not v.endswith("AA") else "BB"),
        lambda v: "0" * 32 + v[32:],
        lambda v: "garbage",
        lambda v: v + "é",
    ],
)
def test_an_altered_unsubscribe_link_is_refused(fake_uow, clock, unsubscribe_links, ada, tamper):
    value = unsubscribe_links.sign(UnsubscribeTarget(ada.user_id, "new_review"))

    with pytest.raises(InvalidUnsubscribeLink):
        Unsubscribe(fake_uow, unsubscribe_links, clock)(tamper(value))

    assert fake_uow.notification_preferences.rows == {}


def test_a_link_signed_with_another_secret_is_refused(unsubscribe_links, ada):
    from skillwise.adapters.security.unsubscribe_links import HmacUnsubscribeLinks

    forged = HmacUnsubscribeLinks("another-secret", "https://skillwise.test").sign(
        UnsubscribeTarget(ada.user_id, "new_review")
    )

    with pytest.raises(InvalidUnsubscribeLink):
        unsubscribe_links.read(forged)
