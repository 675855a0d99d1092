"""Wishlist over HTTP: add, list, remove, and the price-drop notification."""

from __future__ import annotations

import pytest

from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.integration.catalog.test_query_discipline import statements_for

pytestmark = pytest.mark.integration

API = "/api/v1"


def test_a_student_adds_lists_and_removes_a_course(client, learning):
    built = learning.course(price=Money(2999, "USD"), title="Practical Flask APIs")
    headers = learning.auth(learning.user())

    added = client.post(f"{API}/wishlist/", json={"course_id": str(built.id)}, headers=headers)
    again = client.post(f"{API}/wishlist/", json={"course_id": str(built.id)}, headers=headers)

    assert (added.status_code, again.status_code) == (201, 200)
    assert added.json == again.json
    assert added.json["course_id"] == str(built.id)
    assert added.json["course"]["title"] == "Practical Flask APIs"
    assert (added.json["course"]["price"], added.json["course"]["lesson_count"]) == (2999, 4)
    listing = client.get(f"{API}/wishlist/", headers=headers).json
    assert listing["count"] == 1 and listing["results"] == [added.json]

    removed = client.delete(f"{API}/wishlist/{built.id}/", headers=headers)
    assert removed.status_code == 204
    assert client.get(f"{API}/wishlist/", headers=headers).json["count"] == 0
    gone = client.delete(f"{API}/wishlist/{built.id}/", headers=headers)
    assert (gone.status_code, gone.json["error"]) == (404, "not_in_wishlist")


def test_hidden_or_unknown_courses_are_not_found_and_guests_must_sign_in(client, learning):
    draft = learning.course(published=False)
    headers = learning.auth(learning.user())

    hidden = client.post(f"{API}/wishlist/", json={"course_id": str(draft.id)}, headers=headers)
    assert (hidden.status_code, hidden.json["error"]) == (404, "course_not_found")
    bad = client.post(f"{API}/wishlist/", json={"course_id": "nope"}, headers=headers)
    assert bad.status_code == 422
    assert client.get(f"{API}/wishlist/").status_code == 401
    assert client.post(f"{API}/wishlist/", json={"course_id": str(draft.id)}).status_code == 401


def test_a_cheaper_price_tells_each_wisher_once(client, learning):
    instructor = learning.user(Role.INSTRUCTOR)
    built = learning.course(instructor, price=Money(4999, "USD"))
    wishers = [learning.user() for _ in range(2)]
    owner, bystander = learning.user(), learning.user()
    for student in (*wishers, owner):
        response = client.post(
            f"{API}/wishlist/", json={"course_id": str(built.id)}, headers=learning.auth(student)
        )
        assert response.status_code == 201
    learning.enroll(owner, built)
    teacher = learning.auth(instructor)

    for changes in ({"price": 2999}, {"title": "Renamed"}, {"price": 2999}):
        edited = client.patch(f"{API}/courses/{built.id}/", json=changes, headers=teacher)
        assert edited.status_code == 200, edited.json

    def price_drops(user):
        inbox = client.get(f"{API}/notifications/", headers=learning.auth(user)).json["results"]
        return [n for n in inbox if n["kind"] == "price_drop"]

    for student in wishers:
        [drop] = price_drops(student)
        assert drop["data"] == {
            "course_id": str(built.id),
            "old_price": "4999",
            "new_price": "2999",
            "currency": "USD",
        }
        assert drop["title"].endswith("is now 29.99 USD")
    assert price_drops(owner) == price_drops(bystander) == []


def test_a_wishlist_page_of_50_runs_as_many_statements_as_a_page_of_1(
    client, learning, count_statements
):
    student = learning.user()
    headers = learning.auth(student)
    for course in learning.many_courses(55):
        client.post(f"{API}/wishlist/", json={"course_id": str(course.id)}, headers=headers)

    small, one = statements_for(
        client, count_statements, f"{API}/wishlist/?page_size=1", headers=headers
    )
    large, fifty = statements_for(
        client, count_statements, f"{API}/wishlist/?page_size=50", headers=headers
    )

    assert (len(one.json["results"]), len(fifty.json["results"]), fifty.json["count"]) == (
        1,
        50,
        55,
    )
    assert small == large == 3


def test_the_wishlist_operations_follow_the_openapi_rules(client):
    paths = client.get(f"{API}/openapi.json").json["paths"]
    operations = {
        "listWishlist": paths[f"{API}/wishlist/"]["get"],
        "addToWishlist": paths[f"{API}/wishlist/"]["post"],
        "removeFromWishlist": paths[f"{API}/wishlist/{{course_id}}/"]["delete"],
    }
    for operation_id, operation in operations.items():
        assert operation["operationId"] == operation_id
        assert operation["security"] == [{"bearerAuth": []}]
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (operation_id, status)
        assert "401" in operation["responses"]
