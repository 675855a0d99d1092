"""The demo student shows a certificate and a wishlist, however often the demo is seeded."""

import pytest

from tests.integration.catalog.test_seed_demo import seeder

pytestmark = pytest.mark.integration

API = "/api/v1"


def test_the_demo_student_has_a_certificate_and_two_wishlisted_courses(container, client):
    for _ in range(2):
        seeder(container)(courses=20)
    login = client.post(
        f"{API}/auth/login/",
        json={"email": "student@skillwise.local", "password": "student-pass-123"},
    )
    headers = {"Authorization": f"Bearer {login.json['access']}"}

    certificates = client.get(f"{API}/certificates/", headers=headers).json
    wishlist = client.get(f"{API}/wishlist/", headers=headers).json
    enrollments = client.get(f"{API}/enrollments/", headers=headers).json["results"]

    assert certificates["count"] == 1
    [certificate] = certificates["results"]
    assert (certificate["status"], certificate["student_name"]) == ("valid", "Sam Student")
    assert client.get(f"{API}/certificates/{certificate['code']}/").status_code == 200
    completed = [e for e in enrollments if e["status"] == "completed"]
    assert [e["course"]["id"] for e in completed] == [certificate["course"]["id"]]
    assert completed[0]["progress"]["percent"] == 100
    assert wishlist["count"] == 2
    assert all(not item["course"]["is_free"] for item in wishlist["results"])
