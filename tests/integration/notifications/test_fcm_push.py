"""FcmPushSender over HTTP against the double of Google's token endpoint and FCM's send API."""

from __future__ import annotations

import email.utils
import secrets
import socket
import time
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

import pytest

from skillwise.adapters.push.fcm import FcmPushSender
from skillwise.application.notifications.push import (
    Delivered,
    PushMessage,
    PushRejected,
    RetryLater,
    TokenInvalid,
    push_for_notification,
)
from tests.doubles.fcm_api import (
    FIREBASE_MESSAGING_SCOPE,
    GOOGLE_TOKEN_AUDIENCE,
    JWT_BEARER_GRANT,
    FcmApiDouble,
    new_private_key,
)
from tests.integration.notifications.conftest import RecordedSleeps

pytestmark = pytest.mark.integration

MakeSender = Callable[..., FcmPushSender]


def registration_token() -> str:
    return f"{secrets.token_urlsafe(16)}:APA91b{secrets.token_urlsafe(100)}"


def a_push(token: str | None = None, kind: str = "enrollment") -> PushMessage:
    return push_for_notification(
        token or registration_token(),
        kind=kind,
        notification_id=uuid4(),
        title="You are enrolled in Practical Flask APIs",
        body="Start with the first lesson whenever you like.",
        course_id=uuid4(),
    )


@pytest.fixture
def closed_port_url() -> str:
    """A local address where nothing listens, as a service that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_access_token_comes_from_a_jwt_assertion_signed_by_the_service_account(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    result = fcm_sender.send(a_push())

    assert isinstance(result, Delivered)
    [token_request] = fcm_api.token_requests()
    assert token_request.form["grant_type"] == JWT_BEARER_GRANT
    [claims] = fcm_api.assertions
    assert claims["iss"] == fcm_api.client_email
    assert claims["aud"] == GOOGLE_TOKEN_AUDIENCE
    assert claims["scope"] == FIREBASE_MESSAGING_SCOPE
    assert 0 < claims["exp"] - claims["iat"] <= 3600
    [send] = fcm_api.send_requests()
    assert send.headers["authorization"].startswith("Bearer ya29.")


def test_an_assertion_signed_by_another_key_is_refused_and_nothing_is_sent(
    make_fcm_sender: MakeSender, fcm_api: FcmApiDouble, tmp_path: Path
):
    forged = fcm_api.write_service_account(tmp_path / "forged.json", private_key=new_private_key())
    sender = make_fcm_sender(credentials_file=forged)

    with pytest.raises(PushRejected, match="Invalid JWT Signature"):
        sender.send(a_push())

    assert fcm_api.assertions == []
    assert fcm_api.send_requests() == []


def test_message_carries_the_notification_string_data_and_high_priority_for_payments(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    token = registration_token()
    notification_id, course_id = uuid4(), uuid4()
    push = push_for_notification(
        token,
        kind="payment_succeeded",
        notification_id=notification_id,
        title="Payment received for Practical Flask APIs",
        body="We received 19.99 USD. Invoice INV-2026-000042 is on its way.",
        course_id=course_id,
    )

    result = fcm_sender.send(push)

    assert fcm_api.messages == [
        {
            "token": token,
            "notification": {
                "title": "Payment received for Practical Flask APIs",
                "body": "We received 19.99 USD. Invoice INV-2026-000042 is on its way.",
            },
            "data": {
                "kind": "payment_succeeded",
                "id": str(notification_id),
                "course_id": str(course_id),
            },
            "android": {"priority": "HIGH"},
        }
    ]
    assert isinstance(result, Delivered)
    assert result.message_name.startswith(f"projects/{fcm_api.project_id}/messages/0:1%")


def test_other_notifications_go_at_normal_priority_and_an_empty_body_is_left_out(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    push = push_for_notification(
        registration_token(),
        kind="enrollment",
        notification_id=uuid4(),
        title="You are enrolled in Practical Flask APIs",
        body="",
    )

    fcm_sender.send(push)

    [message] = fcm_api.messages
    assert message["android"] == {"priority": "NORMAL"}
    assert message["notification"] == {"title": "You are enrolled in Practical Flask APIs"}
    assert set(message["data"]) == {"kind", "id"}


def test_unregistered_token_means_the_device_is_gone(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    token = registration_token()
    fcm_api.unregister(token)

    result = fcm_sender.send(a_push(token))

    assert isinstance(result, TokenInvalid)
    assert "UNREGISTERED" in result.reason
    assert len(fcm_api.send_requests()) == 1
    assert sleeps == []


def test_malformed_token_means_the_device_is_gone(fcm_sender: FcmPushSender, fcm_api: FcmApiDouble):
    result = fcm_sender.send(a_push("not a registration token!"))

    assert isinstance(result, TokenInvalid)
    assert "not a valid FCM registration token" in result.reason
    assert fcm_api.messages == []


def test_invalid_argument_about_the_payload_is_refused_without_blaming_the_device(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    push = PushMessage(
        token=registration_token(), title="Hello", body="", data={"google.sent_time": "1"}
    )

    with pytest.raises(PushRejected, match="Invalid data payload key"):
        fcm_sender.send(push)

    assert len(fcm_api.send_requests()) == 1


def test_unavailable_then_success_sends_exactly_once_after_a_backoff(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_api.answer_next(503)

    result = fcm_sender.send(a_push())

    assert isinstance(result, Delivered)
    assert len(fcm_api.send_requests()) == 2
    assert len(fcm_api.messages) == 1
    assert sleeps == [1.0]


def test_quota_exceeded_waits_as_long_as_retry_after_says(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_api.answer_next(429, retry_after="7")

    result = fcm_sender.send(a_push())

    assert isinstance(result, Delivered)
    assert sleeps == [7.0]
    assert len(fcm_api.messages) == 1


def test_a_wait_longer_than_the_sender_may_block_is_handed_back_to_the_caller(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_api.answer_next(503, retry_after="120")

    result = fcm_sender.send(a_push())

    assert isinstance(result, RetryLater)
    assert result.after_seconds == 120.0
    assert "UNAVAILABLE" in result.reason
    assert sleeps == []
    assert len(fcm_api.send_requests()) == 1


def test_retry_after_may_be_an_http_date(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_api.answer_next(503, retry_after=email.utils.formatdate(time.time() + 300, usegmt=True))

    result = fcm_sender.send(a_push())

    assert isinstance(result, RetryLater)
    assert 290 <= result.after_seconds <= 300
    assert sleeps == []


def test_quota_exceeded_without_retry_after_backs_off_for_a_minute_as_fcm_asks(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_api.answer_next(429)

    result = fcm_sender.send(a_push())

    assert result == RetryLater(
        after_seconds=60.0,
        reason="FCM answered 429 QUOTA_EXCEEDED: Quota exceeded for quota metric 'Send requests'.",
    )
    assert sleeps == []


def test_an_outage_that_outlasts_the_attempts_is_handed_back_with_the_next_wait(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_api.answer_next(500, count=3)

    result = fcm_sender.send(a_push())

    assert isinstance(result, RetryLater)
    assert result.after_seconds == 4.0
    assert sleeps == [1.0, 2.0]
    assert len(fcm_api.send_requests()) == 3
    assert fcm_api.messages == []


def test_expired_access_token_is_renewed_once_and_the_push_sent(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble, sleeps: RecordedSleeps
):
    fcm_sender.send(a_push())
    fcm_api.expire_access_tokens()

    result = fcm_sender.send(a_push())

    assert isinstance(result, Delivered)
    assert len(fcm_api.token_requests()) == 2
    first, refused, renewed = (
        request.headers["authorization"] for request in fcm_api.send_requests()
    )
    assert refused == first
    assert renewed != first
    assert len(fcm_api.messages) == 2
    assert sleeps == []


def test_an_access_token_refused_even_after_renewal_is_not_renewed_again(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    fcm_api.refuse_every_access_token = True

    with pytest.raises(PushRejected, match="401"):
        fcm_sender.send(a_push())

    assert len(fcm_api.token_requests()) == 2
    assert len(fcm_api.send_requests()) == 2


def test_apns_credentials_refused_by_firebase_are_not_mistaken_for_our_access_token(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    fcm_api.answer_next(401, error_code="THIRD_PARTY_AUTH_ERROR")

    with pytest.raises(PushRejected, match="THIRD_PARTY_AUTH_ERROR"):
        fcm_sender.send(a_push())

    assert len(fcm_api.token_requests()) == 1


def test_the_access_token_is_reused_until_it_nears_expiry(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    for _ in range(3):
        fcm_sender.send(a_push())

    assert len(fcm_api.token_requests()) == 1
    assert len({request.headers["authorization"] for request in fcm_api.send_requests()}) == 1


def test_a_token_about_to_expire_is_renewed_before_sending(
    fcm_sender: FcmPushSender, fcm_api: FcmApiDouble
):
    # google-auth renews tokens with less than a few minutes left, so a one-minute token
    # is never used twice and FCM never sees it expire.
    fcm_api.token_lifetime_seconds = 60

    fcm_sender.send(a_push())
    fcm_sender.send(a_push())

    assert len(fcm_api.token_requests()) == 2
    assert len(fcm_api.messages) == 2


def test_fcm_unreachable_is_retried_then_handed_back(
    make_fcm_sender: MakeSender, closed_port_url: str, sleeps: RecordedSleeps
):
    sender = make_fcm_sender(api_base=closed_port_url)

    result = sender.send(a_push())

    assert isinstance(result, RetryLater)
    assert "could not be reached" in result.reason
    assert sleeps == [1.0, 2.0]


def test_token_endpoint_unreachable_is_handed_back_for_later(
    make_fcm_sender: MakeSender,
    fcm_api: FcmApiDouble,
    closed_port_url: str,
    tmp_path: Path,
):
    unreachable = fcm_api.write_service_account(
        tmp_path / "unreachable.json", token_uri=f"{closed_port_url}/token"
    )
    sender = make_fcm_sender(credentials_file=unreachable, max_attempts=1)

    result = sender.send(a_push())

    assert isinstance(result, RetryLater)
    assert fcm_api.send_requests() == []


def test_project_id_defaults_to_the_service_accounts_own(
    make_fcm_sender: MakeSender, fcm_api: FcmApiDouble
):
    sender = make_fcm_sender(project_id=None)

    assert isinstance(sender.send(a_push()), Delivered)
    assert len(fcm_api.send_requests()) == 1
