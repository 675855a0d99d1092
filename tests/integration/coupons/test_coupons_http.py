"""Managing coupons over HTTP: who may make which, unique codes, lists, changes, deletion."""

from __future__ import annotations

import pytest

from skillwise.domain.identity import Role
from tests.factories import a_user, bearer

pytestmark = pytest.mark.integration

API = "/api/v1"


def test_a_student_may_not_manage_coupons(client, app, shop):
    answer = client.post(
        f"{API}/coupons/",
        json={"code": "MINE", "kind": "percent", "value": 10, "course_id": str(shop.course.id)},
        headers=bearer(app, shop.buyer),
    )
    assert (answer.status_code, answer.json["error"]) == (403, "role_not_allowed")


def test_an_instructor_makes_no_site_wide_coupon_and_none_for_another_course(
    client, app, shop, uow_factory
):
    other = a_user(Role.INSTRUCTOR)
    with uow_factory() as uow:
        uow.users.add(other)
        uow.commit()
    site_wide = client.post(
        f"{API}/coupons/",
        json={"code": "ALL10", "kind": "percent", "value": 10},
        headers=bearer(app, shop.instructor),
    )
    not_theirs = client.post(
        f"{API}/coupons/",
        json={"code": "THEIRS", "kind": "percent", "value": 10, "course_id": str(shop.course.id)},
        headers=bearer(app, other),
    )
    assert (site_wide.status_code, site_wide.json["error"]) == (403, "admin_only")
    assert (not_theirs.status_code, not_theirs.json["error"]) == (403, "not_course_owner")


def test_codes_are_unique_whatever_their_case_and_the_rules_answer_422(client, app, shop):
    admin = bearer(app, shop.admin)
    first = client.post(
        f"{API}/coupons/", json={"code": "Spring", "kind": "percent", "value": 10}, headers=admin
    )
    twin = client.post(
        f"{API}/coupons/", json={"code": "SPRING", "kind": "percent", "value": 20}, headers=admin
    )
    too_much = client.post(
        f"{API}/coupons/", json={"code": "HUGE", "kind": "percent", "value": 150}, headers=admin
    )
    wrong_currency = client.post(
        f"{API}/coupons/",
        json={
            "code": "EUROS",
            "kind": "fixed",
            "value": 100,
            "currency": "eur",
            "course_id": str(shop.course.id),
        },
        headers=admin,
    )

    assert (first.status_code, first.json["code"]) == (201, "SPRING")
    assert (twin.status_code, twin.json["error"]) == (409, "coupon_code_taken")
    assert (too_much.status_code, too_much.json["error"]) == (422, "invalid_coupon")
    assert (wrong_currency.status_code, wrong_currency.json["error"]) == (
        422,
        "currency_mismatch",
    )


def test_lists_are_paginated_own_for_instructors_and_everything_for_admins(client, app, shop):
    teacher, admin = bearer(app, shop.instructor), bearer(app, shop.admin)
    for code in ("ONE", "TWO", "THREE"):
        client.post(
            f"{API}/coupons/",
            json={"code": code, "kind": "percent", "value": 5, "course_id": str(shop.course.id)},
            headers=teacher,
        )
    client.post(
        f"{API}/coupons/", json={"code": "SITE", "kind": "percent", "value": 5}, headers=admin
    )

    mine = client.get(f"{API}/coupons/?page_size=2", headers=teacher).json
    everything = client.get(f"{API}/coupons/", headers=admin).json

    assert (mine["count"], len(mine["results"]), mine["next"] is not None) == (3, 2, True)
    assert [c["code"] for c in mine["results"]] == ["THREE", "TWO"]
    assert everything["count"] == 4


def test_patch_changes_a_coupon_and_delete_removes_an_unused_one_or_deactivates_a_used_one(
    client, app, shop
):
    teacher = bearer(app, shop.instructor)
    course = str(shop.course.id)
    unused = client.post(
        f"{API}/coupons/",
        json={"code": "UNUSED", "kind": "percent", "value": 5, "course_id": course},
        headers=teacher,
    ).json
    used = client.post(
        f"{API}/coupons/",
        json={"code": "USED", "kind": "percent", "value": 5, "course_id": course},
        headers=teacher,
    ).json
    client.post(
        f"{API}/payments/create/",
        json={"course_id": course, "coupon": "used"},
        headers=bearer(app, shop.buyer),
    )

    patched = client.patch(
        f"{API}/coupons/{used['id']}/", json={"value": 15, "code": "NEW"}, headers=teacher
    )
    stranger = client.patch(
        f"{API}/coupons/{used['id']}/", json={"value": 15}, headers=bearer(app, shop.buyer)
    )
    deleted = client.delete(f"{API}/coupons/{unused['id']}/", headers=teacher)
    deactivated = client.delete(f"{API}/coupons/{used['id']}/", headers=teacher)

    assert (patched.status_code, patched.json["value"], patched.json["code"]) == (200, 15, "USED")
    assert stranger.status_code == 403  # students are refused by role before anything else
    assert deleted.status_code == 204
    assert (deactivated.status_code, deactivated.json["is_active"]) == (200, False)
    assert deactivated.json["reserved"] == 1
    listed = client.get(f"{API}/coupons/", headers=teacher).json
    assert [c["code"] for c in listed["results"]] == ["USED"]


def test_wishers_hear_of_a_new_course_coupon(client, app, shop):
    client.post(
        f"{API}/wishlist/", json={"course_id": str(shop.course.id)}, headers=bearer(app, shop.buyer)
    )
    client.post(
        f"{API}/coupons/",
        json={"code": "WISH", "kind": "percent", "value": 50, "course_id": str(shop.course.id)},
        headers=bearer(app, shop.instructor),
    )

    notices = client.get(f"{API}/notifications/", headers=bearer(app, shop.buyer)).json
    [drop] = [n for n in notices["results"] if n["kind"] == "price_drop"]
    assert drop["data"]["coupon"] == "WISH"
    assert drop["data"]["new_price"] == "999"
