"""Pushes leave through the outbox: an FCM outage delays them, and nothing is sent twice."""

import pytest
from dependency_injector import providers
from sqlalchemy import select

from skillwise.adapters.db.tables.core import outbox
from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


@pytest.fixture
def fcm_container(container, fcm_sender):
    container.infra.push_sender.override(providers.Object(fcm_sender))
    yield container
    container.infra.push_sender.reset_override()


def push_messages(container):
    with container.infra.engine().connect() as connection:
        return connection.execute(select(outbox).where(outbox.c.topic == "push")).all()


def test_a_push_held_up_by_an_fcm_outage_goes_out_once_when_the_relay_retries(
    fcm_container, client, people, fcm_api
):
    instructor = people.user(Role.INSTRUCTOR)
    course = people.course(instructor)
    student = people.user()
    people.enroll(student, course)
    client.post(
        "/api/v1/devices/",
        json={"platform": "android", "token": "student-phone"},
        headers=people.auth(student),
    )
    fcm_api.answer_next(503, count=3)

    answer = client.patch(
        f"/api/v1/lessons/{course.lessons[0].id}/",
        json={"notify_students": True},
        headers=people.auth(instructor),
    )

    assert answer.status_code == 200
    [message] = push_messages(fcm_container)
    assert (message.delivered_at, message.attempts) == (None, 1)
    assert "503" in message.last_error or "UNAVAILABLE" in message.last_error
    assert fcm_api.messages == []

    relay = fcm_container.infra.relay_stale_outbox()
    assert relay(older_than_seconds=0) == 1
    assert relay(older_than_seconds=0) == 0
    assert fcm_container.infra.deliver_outbox_message()(message.id) is False

    [sent] = fcm_api.messages
    assert sent["token"] == "student-phone"
    assert sent["data"]["kind"] == "new_lesson"
    assert sent["data"]["course_id"] == str(course.id)
    [delivered] = push_messages(fcm_container)
    assert delivered.delivered_at is not None


def test_asking_twice_to_notify_students_of_one_lesson_pushes_once(
    fcm_container, client, people, fcm_api
):
    instructor = people.user(Role.INSTRUCTOR)
    course = people.course(instructor)
    student = people.user()
    people.enroll(student, course)
    client.post(
        "/api/v1/devices/",
        json={"platform": "ios", "token": "student-phone"},
        headers=people.auth(student),
    )
    lesson_url = f"/api/v1/lessons/{course.lessons[0].id}/"

    for _ in range(2):
        client.patch(lesson_url, json={"notify_students": True}, headers=people.auth(instructor))

    assert len(fcm_api.messages) == 1
    listing = client.get("/api/v1/notifications/", headers=people.auth(student)).json
    assert [n["kind"] for n in listing["results"]] == ["new_lesson"]


def test_a_token_fcm_no_longer_knows_removes_the_device(fcm_container, client, people, fcm_api):
    instructor = people.user(Role.INSTRUCTOR)
    course = people.course(instructor)
    student = people.user()
    people.enroll(student, course)
    client.post(
        "/api/v1/devices/",
        json={"platform": "android", "token": "uninstalled"},
        headers=people.auth(student),
    )
    fcm_api.unregister("uninstalled")

    client.patch(
        f"/api/v1/lessons/{course.lessons[0].id}/",
        json={"notify_students": True},
        headers=people.auth(instructor),
    )

    assert client.get("/api/v1/devices/", headers=people.auth(student)).json["count"] == 0
    [message] = push_messages(fcm_container)
    assert message.delivered_at is not None
