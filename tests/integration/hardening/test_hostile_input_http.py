"""Hostile strings and shapes in any request answer 4xx JSON, never 500."""

import io

import pytest

from skillwise.domain.identity import Role
from tests.factories import a_user, bearer

pytestmark = pytest.mark.integration

API = "/api/v1"
NUL = "\x00"


@pytest.fixture
def student(app, uow_factory):
    user = a_user(Role.STUDENT)
    with uow_factory() as uow:
        uow.users.add(user)
        uow.commit()
    return bearer(app, user)


@pytest.fixture
def instructor(app, uow_factory):
    user = a_user(Role.INSTRUCTOR)
    with uow_factory() as uow:
        uow.users.add(user)
        uow.commit()
    return bearer(app, user)


def assert_refused_characters(response, field: str) -> None:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.is_json
    assert response.json["code"] == 422
    assert response.json["error"] == "invalid_characters"
    assert field in response.json["errors"], response.json


NEW_COURSE = {
    "title": "Data Science with Pandas",
    "description": "Cleaning, joining and plotting data.",
    "category": "data-science",
    "level": "intermediate",
    "language": "en",
    "price": 2499,
    "currency": "USD",
}


def test_a_nul_byte_in_a_search_query_is_refused(client):
    assert_refused_characters(client.get(f"{API}/courses/?search=a%00b"), "search")


def test_invalid_utf8_in_a_query_string_is_refused(client):
    assert_refused_characters(client.get(f"{API}/courses/?search=caf%E9"), "search")


def test_a_nul_byte_in_a_profile_name_is_refused(client, student):
    response = client.patch(f"{API}/profile/", json={"full_name": f"Ada{NUL}"}, headers=student)
    assert_refused_characters(response, "full_name")


def test_a_nul_byte_in_a_login_email_is_refused(client):
    response = client.post(
        f"{API}/auth/login/", json={"email": f"ada{NUL}@example.com", "password": "x" * 12}
    )
    assert_refused_characters(response, "email")


def test_a_nul_byte_in_a_course_title_is_refused(client, instructor):
    response = client.post(
        f"{API}/courses/", json={**NEW_COURSE, "title": f"Pandas{NUL}"}, headers=instructor
    )
    assert_refused_characters(response, "title")


@pytest.mark.parametrize("control", ["\x01", "\x07", "\x1b", "\x1f", "\x7f"])
def test_other_control_characters_are_refused(client, instructor, control):
    response = client.post(
        f"{API}/courses/", json={**NEW_COURSE, "description": f"a{control}b"}, headers=instructor
    )
    assert_refused_characters(response, "description")


def test_tabs_and_line_breaks_are_accepted(client, instructor):
    text = "Line one\r\nLine two\n\tindented"
    response = client.post(
        f"{API}/courses/", json={**NEW_COURSE, "description": text}, headers=instructor
    )
    assert response.status_code == 201, response.json
    assert response.json["description"] == text


def test_a_lone_surrogate_is_refused(client, student):
    response = client.patch(f"{API}/profile/", json={"bio": "\ud800"}, headers=student)
    assert_refused_characters(response, "bio")


def test_invalid_utf8_in_a_json_string_is_refused(client, student):
    response = client.patch(
        f"{API}/profile/",
        data=b'{"bio": "caf\xe9"}',
        content_type="application/json",
        headers=student,
    )
    assert_refused_characters(response, "bio")


def test_hostile_characters_are_found_at_any_depth_and_in_keys(client, student):
    nested = {"full_name": "Ada", "extra": [{"deeper": ["fine", f"bad{NUL}"]}]}
    response = client.patch(f"{API}/profile/", json=nested, headers=student)
    assert_refused_characters(response, "extra.0.deeper.1")

    response = client.patch(f"{API}/profile/", json={f"na{NUL}me": "Ada"}, headers=student)
    assert_refused_characters(response, "na\\x00me")


def test_a_nul_byte_in_a_form_field_is_refused(client):
    response = client.post(
        f"{API}/payments/fake/checkout/00000000-0000-0000-0000-000000000000/complete/",
        data={"outcome": f"succeeded{NUL}"},
    )
    assert_refused_characters(response, "outcome")


def test_raw_bytes_that_are_not_utf8_in_a_query_string_are_refused(client):
    # WSGI carries the raw query string as latin-1: this is the single byte 0xE9.
    response = client.get(f"{API}/courses/", environ_overrides={"QUERY_STRING": "search=caf\xe9"})
    assert_refused_characters(response, "search")


def test_raw_bytes_that_are_not_utf8_in_a_form_body_are_refused(client):
    response = client.post(
        f"{API}/payments/fake/checkout/00000000-0000-0000-0000-000000000000/complete/",
        data=b"outcome=succeeded\xff",
        content_type="application/x-www-form-urlencoded",
    )
    assert_refused_characters(response, "outcome")


def test_a_file_name_with_a_nul_byte_is_refused(client, instructor):
    response = client.post(
        f"{API}/lessons/00000000-0000-0000-0000-000000000000/attachments/",
        data={"file": (io.BytesIO(b"notes"), f"notes{NUL}.txt")},
        headers=instructor,
    )
    assert_refused_characters(response, "file")


def test_a_control_character_in_a_header_is_refused(client, student):
    response = client.post(
        f"{API}/payments/create/",
        json={"course_id": "00000000-0000-0000-0000-000000000000"},
        headers={**student, "Idempotency-Key": f"retry{NUL}1"},
    )
    assert_refused_characters(response, "Idempotency-Key")


def test_deeply_nested_json_is_refused_before_it_is_parsed(client):
    response = client.post(
        f"{API}/auth/login/", data="[" * 100_000, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.is_json
    assert response.json["error"] == "json_too_deep"


def test_json_nested_within_the_limit_reaches_the_view(client):
    body = '{"email": "a@example.com", "password": "x", "x": ' + "[" * 30 + "]" * 30 + "}"
    response = client.post(f"{API}/auth/login/", data=body, content_type="application/json")
    assert response.status_code == 401


def test_brackets_inside_strings_do_not_count_as_nesting(client):
    body = '{"email": "a@example.com", "password": "' + "[" * 1000 + '"}'
    response = client.post(f"{API}/auth/login/", data=body, content_type="application/json")
    assert response.status_code == 401


def test_a_number_too_long_to_convert_is_a_malformed_body(client):
    body = '{"email": "a@example.com", "password": ' + "9" * 5000 + "}"
    response = client.post(f"{API}/auth/login/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.is_json


def test_a_body_over_the_json_limit_answers_413_json(client):
    body = '{"email": "a@example.com", "password": "' + "x" * (1024 * 1024) + '"}'
    response = client.post(f"{API}/auth/login/", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.is_json
    assert response.json["code"] == 413


def test_a_body_over_the_request_limit_answers_413_json(app, client, instructor):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post(
        f"{API}/lessons/00000000-0000-0000-0000-000000000000/attachments/",
        data={"file": (io.BytesIO(b"x" * 5000), "notes.txt")},
        headers=instructor,
    )
    assert response.status_code == 413
    assert response.is_json
    assert response.json["code"] == 413


def test_a_multipart_part_without_a_name_is_refused_without_a_server_error(client):
    # werkzeug keys a part whose Content-Disposition names no field by None.
    body = b"--b\r\nContent-Disposition: form-data\r\n\r\nhello\r\n--b--\r\n"
    response = client.post(
        "/api/v1/auth/login/", data=body, content_type="multipart/form-data; boundary=b"
    )
    assert 400 <= response.status_code < 500
