"""The demo shows coupons: a site-wide one and one for the demo instructor's course."""

import pytest

from tests.integration.catalog.test_seed_demo import seeder

pytestmark = pytest.mark.integration

API = "/api/v1"


def sign_in(client, email: str, password: str) -> dict[str, str]:
    login = client.post(f"{API}/auth/login/", json={"email": email, "password": password})
    return {"Authorization": f"Bearer {login.json['access']}"}


def test_the_demo_has_welcome10_and_launch50_once_however_often_it_is_seeded(container, client):
    for _ in range(2):
        seeder(container)(courses=20)
    admin = sign_in(client, "admin@skillwise.local", "admin-pass-123")
    teacher = sign_in(client, "instructor@skillwise.local", "instructor-pass-123")
    student = sign_in(client, "student@skillwise.local", "student-pass-123")

    everything = client.get(f"{API}/coupons/", headers=admin).json
    own = client.get(f"{API}/coupons/", headers=teacher).json

    assert sorted(c["code"] for c in everything["results"]) == ["LAUNCH50", "WELCOME10"]
    [launch] = own["results"]
    assert (launch["code"], launch["value"]) == ("LAUNCH50", 50)
    quote = client.get(
        f"{API}/courses/{launch['course_id']}/quote/?coupon=launch50", headers=student
    )
    price = quote.json["price"]
    assert quote.status_code == 200 and price > 0
    assert quote.json["discount"] == (price * 50 + 50) // 100  # half, rounded half up
    assert quote.json["total"] == price - quote.json["discount"]
    wished = client.get(f"{API}/wishlist/", headers=student).json["results"]
    notices = client.get(f"{API}/notifications/?page_size=100", headers=student).json["results"]
    told = {
        (n["data"]["course_id"], n["data"]["coupon"]) for n in notices if n["kind"] == "price_drop"
    }
    assert {(item["course"]["id"], "WELCOME10") for item in wished} <= told
