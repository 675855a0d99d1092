from uuid import uuid4

import pytest

from skillwise.application.notifications.push import PushMessage, push_for_notification


def a_push_for(kind: str, **fields) -> PushMessage:
    return push_for_notification(
        "device-token",
        kind=kind,
        notification_id=fields.pop("notification_id", uuid4()),
        title=fields.pop("title", "Payment received for Practical Flask APIs"),
        body=fields.pop("body", "We received 19.99 USD."),
        **fields,
    )


@pytest.mark.parametrize("kind", ["payment_succeeded", "payment_failed", "payment_refunded"])
def test_payment_results_go_out_at_high_priority(kind):
    assert a_push_for(kind).android_priority == "high"


@pytest.mark.parametrize(
    "kind", ["enrollment", "course_completed", "new_review", "report_resolved", "paymentless"]
)
def test_other_notifications_go_out_at_normal_priority(kind):
    assert a_push_for(kind).android_priority == "normal"


def test_data_names_the_kind_the_notification_and_its_course_as_strings():
    notification_id, course_id = uuid4(), uuid4()

    push = a_push_for("enrollment", notification_id=notification_id, course_id=course_id)

    assert push.data == {
        "kind": "enrollment",
        "id": str(notification_id),
        "course_id": str(course_id),
    }
    assert all(isinstance(value, str) for value in push.data.values())


def test_a_notification_about_no_course_carries_no_course_id():
    assert set(a_push_for("report_resolved").data) == {"kind", "id"}


def test_ids_already_written_as_strings_are_kept_as_they_are():
    push = a_push_for("enrollment", notification_id="n-1", course_id="c-1")

    assert (push.data["id"], push.data["course_id"]) == ("n-1", "c-1")


def test_the_push_shows_the_notifications_title_and_body_to_its_device():
    push = a_push_for("payment_succeeded", title="Payment received", body="Invoice on its way.")

    assert (push.token, push.title, push.body) == (
        "device-token",
        "Payment received",
        "Invoice on its way.",
    )
