"""Preferences through the app, honoured by email and push; the signed-out unsubscribe link."""

import pytest
from dependency_injector import providers

from skillwise.adapters.clock import SystemClock
from skillwise.application.shared.email import queue_email
from skillwise.domain.identity import Role
from tests.fakes.notifications import ScriptedPushSender

pytestmark = pytest.mark.integration

PREFERENCES = "/api/v1/notifications/preferences/"


def refund_email(uow_factory, user):
    """A notification email as the refund use case queues it (delivered on commit)."""
    with uow_factory() as uow:
        queue_email(
            uow,
            SystemClock(),
            to=user.email.value,
            subject="Your refund",
            text="We refunded you.",
            kind="payment_refunded",
            user_id=user.id,
        )
        uow.commit()


def test_everything_is_on_until_turned_off_and_security_email_stays_on(client, people):
    ada = people.user()

    defaults = client.get(PREFERENCES, headers=people.auth(ada)).json
    changed = client.patch(
        PREFERENCES, json={"push": {"new_review": False}}, headers=people.auth(ada)
    )
    locked = client.patch(
        PREFERENCES, json={"email": {"password_reset": False}}, headers=people.auth(ada)
    )

    assert all(defaults["email"].values()) and all(defaults["push"].values())
    assert "price_drop" in defaults["push"] and "password_reset" in defaults["email"]
    assert changed.status_code == 200
    assert changed.json["push"]["new_review"] is False
    assert changed.json["email"]["new_review"] is True
    assert (locked.status_code, locked.json["error"]) == (422, "preference_locked")
    assert client.get(PREFERENCES).status_code == 401


def test_both_channels_honour_the_preferences(
    container, client, people, uow_factory, outbox_mailer
):
    pushes = ScriptedPushSender()
    container.infra.push_sender.override(providers.Object(pushes))
    instructor = people.user(Role.INSTRUCTOR)
    course = people.course(instructor)
    quiet, keen = people.user(), people.user()
    for student in (quiet, keen):
        people.enroll(student, course)
        client.post(
            "/api/v1/devices/",
            json={"platform": "android", "token": f"phone-{student.id}"},
            headers=people.auth(student),
        )
    client.patch(
        PREFERENCES,
        json={"push": {"new_lesson": False}, "email": {"payment_refunded": False}},
        headers=people.auth(quiet),
    )

    client.patch(
        f"/api/v1/lessons/{course.lessons[0].id}/",
        json={"notify_students": True},
        headers=people.auth(instructor),
    )
    refund_email(uow_factory, quiet)
    refund_email(uow_factory, keen)

    assert [m.token for m in pushes.sent] == [f"phone-{keen.id}"]
    assert [m.to for m in outbox_mailer.sent] == [keen.email.value]
    container.infra.push_sender.reset_override()


def test_the_unsubscribe_link_works_signed_out_and_refuses_an_altered_value(
    client, people, uow_factory, outbox_mailer
):
    ada = people.user()
    refund_email(uow_factory, ada)
    [email] = outbox_mailer.sent
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = email.headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://testserver")
    assert path.startswith("/api/v1/notifications/unsubscribe/?u=")

    shown = client.get(path)
    assert (shown.status_code, shown.json) == (
        200,
        {"kind": "payment_refunded", "channel": "email"},
    )
    assert client.get(PREFERENCES, headers=people.auth(ada)).json["email"]["payment_refunded"]
    tampered = client.post(path.replace("payment_refunded", "enrollment"))
    assert (tampered.status_code, tampered.json["error"]) == (400, "invalid_unsubscribe_link")

    done = client.post(
        path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert done.status_code == 200
    choices = client.get(PREFERENCES, headers=people.auth(ada)).json
    assert choices["email"]["payment_refunded"] is False
    assert choices["email"]["enrollment"] is True
    assert client.post("/api/v1/notifications/unsubscribe/?u=nonsense").status_code == 400


def test_security_emails_carry_no_unsubscribe_link(client, people, outbox_mailer):
    ada = people.user()

    client.post("/api/v1/auth/password-reset/", json={"email": ada.email.value})

    [email] = outbox_mailer.sent
    assert dict(email.headers) == {}
    assert "unsubscribe" not in email.text.lower()
