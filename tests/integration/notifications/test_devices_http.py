"""/devices/ through the app: only my devices, and logging out forgets this one."""

import pytest

pytestmark = pytest.mark.integration


def register(client, headers, token, platform="android"):
    return client.post(
        "/api/v1/devices/", json={"platform": platform, "token": token}, headers=headers
    )


def test_a_device_is_created_then_updated_then_moved_to_whoever_registers_it(client, people):
    ada, bo = people.user(), people.user()

    created = register(client, people.auth(ada), "phone-1")
    again = register(client, people.auth(ada), "phone-1", "ios")
    moved = register(client, people.auth(bo), "phone-1")

    assert (created.status_code, again.status_code, moved.status_code) == (201, 200, 200)
    assert created.json["id"] == again.json["id"] == moved.json["id"]
    assert again.json["platform"] == "ios"
    assert client.get("/api/v1/devices/", headers=people.auth(ada)).json["count"] == 0
    listing = client.get("/api/v1/devices/", headers=people.auth(bo)).json
    assert [d["token"] for d in listing["results"]] == ["phone-1"]


def test_the_device_list_is_paginated(client, people):
    ada = people.user()
    for n in range(3):
        register(client, people.auth(ada), f"token-{n}")

    page = client.get("/api/v1/devices/?page_size=2", headers=people.auth(ada)).json

    assert (page["count"], len(page["results"]), page["page_size"]) == (3, 2, 2)
    assert page["next"] is not None


def test_nobody_deletes_another_users_device(client, people):
    ada, bo = people.user(), people.user()
    device_id = register(client, people.auth(ada), "ada-phone").json["id"]

    refused = client.delete(f"/api/v1/devices/{device_id}/", headers=people.auth(bo))

    assert (refused.status_code, refused.json["error"]) == (404, "device_not_found")
    assert (
        client.delete(f"/api/v1/devices/{device_id}/", headers=people.auth(ada)).status_code == 204
    )
    assert client.get("/api/v1/devices/", headers=people.auth(ada)).json["count"] == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/devices/"),
        ("post", "/api/v1/devices/"),
        ("delete", "/api/v1/devices/00000000-0000-0000-0000-000000000000/"),
    ],
)
def test_devices_need_a_signed_in_caller(client, method, path):
    answer = getattr(client, method)(path, json={"platform": "web", "token": "t"})

    assert answer.status_code == 401
    assert answer.json["error"] == "authentication_required"


def test_an_unknown_platform_is_refused(client, people):
    answer = register(client, people.auth(people.user()), "t", platform="symbian")

    assert answer.status_code == 422


def test_logging_out_with_the_device_token_forgets_that_device(client, people):
    ada = people.user()
    register(client, people.auth(ada), "keep-me")
    register(client, people.auth(ada), "forget-me")

    answer = client.post(
        "/api/v1/auth/logout/", json={"device_token": "forget-me"}, headers=people.auth(ada)
    )

    assert answer.status_code == 204
    listing = client.get("/api/v1/devices/", headers=people.auth(ada)).json
    assert [d["token"] for d in listing["results"]] == ["keep-me"]
