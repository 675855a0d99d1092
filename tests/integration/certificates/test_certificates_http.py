"""Complete a course -> certificate -> public verification -> PDF, and revocation by refund."""

from __future__ import annotations

import pytest

from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.integration.builders import complete_course_over_http
from tests.integration.pdfs import pdf_text

pytestmark = pytest.mark.integration

API = "/api/v1"


def test_completing_a_course_issues_a_certificate_anyone_can_verify_and_print(client, learning):
    instructor = learning.user(Role.INSTRUCTOR, full_name="Ada Lovelace")
    built = learning.course(instructor, title="Analytical Engines")
    student = learning.user(full_name="Grace Hopper")
    headers = learning.auth(student)

    assert client.get(f"{API}/certificates/", headers=headers).json["count"] == 0
    complete_course_over_http(client, built, headers)

    mine = client.get(f"{API}/certificates/", headers=headers)
    assert mine.status_code == 200
    [certificate] = mine.json["results"]
    code = certificate["code"]
    assert len(code) >= 16
    assert certificate["course"] == {"id": str(built.id), "title": "Analytical Engines"}
    assert (certificate["student_name"], certificate["instructor_name"]) == (
        "Grace Hopper",
        "Ada Lovelace",
    )
    assert (certificate["status"], certificate["revoked_at"]) == ("valid", None)
    assert certificate["issued_at"].endswith("Z")
    inbox = client.get(f"{API}/notifications/", headers=headers).json["results"]
    assert inbox[0]["kind"] == "course_completed"
    assert inbox[0]["data"]["certificate_code"] == code

    verified = client.get(f"{API}/certificates/{code}/")
    assert verified.status_code == 200
    assert verified.json == certificate
    assert student.email.value not in verified.get_data(as_text=True)

    for request in (
        {"query_string": {"format": "pdf"}},
        {"headers": {"Accept": "application/pdf"}},
    ):
        pdf = client.get(f"{API}/certificates/{code}/", **request)
        assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")
        assert pdf.data.startswith(b"%PDF")
        reader, text = pdf_text(pdf.data)
        assert len(reader.pages) == 1
        page = reader.pages[0]
        assert page.mediabox.width > page.mediabox.height
        assert f"http://testserver/api/v1/certificates/{code}/" in text
        for shown in ("Grace Hopper", "Analytical Engines", "Ada Lovelace"):
            assert shown in text


def test_finishing_lessons_again_keeps_the_one_certificate(client, learning):
    built = learning.course()
    student = learning.user()
    headers = learning.auth(student)
    complete_course_over_http(client, built, headers)

    enrollment_id = client.get(f"{API}/enrollments/", headers=headers).json["results"][0]["id"]
    last = built.lessons[-1]
    for completed in (False, True):
        client.patch(
            f"{API}/enrollments/{enrollment_id}/progress/",
            json={"lesson_id": str(last.id), "completed": completed},
            headers=headers,
        )

    assert client.get(f"{API}/certificates/", headers=headers).json["count"] == 1


def test_an_unknown_code_is_not_found_as_json_and_as_pdf(client):
    for query in ({}, {"format": "pdf"}):
        missing = client.get(f"{API}/certificates/nOsUcHcOdE000000/", query_string=query)
        assert missing.status_code == 404
        assert missing.json["error"] == "certificate_not_found"


def test_listing_certificates_needs_a_sign_in_and_shows_only_mine(client, learning):
    built = learning.course()
    mine, theirs = learning.user(), learning.user()
    complete_course_over_http(client, built, learning.auth(theirs))

    assert client.get(f"{API}/certificates/").status_code == 401
    assert client.get(f"{API}/certificates/", headers=learning.auth(mine)).json["count"] == 0


def test_a_refund_revokes_the_certificate_and_verification_says_so(client, learning, app):
    instructor = learning.user(Role.INSTRUCTOR)
    built = learning.course(instructor, price=Money(1999, "USD"))
    student, admin = learning.user(), learning.user(Role.ADMIN)
    headers = learning.auth(student)
    payment = client.post(
        f"{API}/payments/create/", json={"course_id": str(built.id)}, headers=headers
    ).json
    paid = client.post(
        f"{API}/payments/fake/checkout/{payment['id']}/complete/", data={"outcome": "succeeded"}
    )
    assert paid.status_code == 200
    complete_course_over_http(client, built, headers)
    code = client.get(f"{API}/certificates/", headers=headers).json["results"][0]["code"]

    refunded = client.post(
        f"{API}/admin/payments/{payment['id']}/refund/", json={}, headers=learning.auth(admin)
    )
    assert refunded.status_code == 200

    verified = client.get(f"{API}/certificates/{code}/").json
    assert verified["status"] == "revoked" and verified["revoked_at"] is not None
    _, text = pdf_text(client.get(f"{API}/certificates/{code}/?format=pdf").data)
    assert "REVOKED" in text


def test_the_certificate_operations_follow_the_openapi_rules(client):
    spec = client.get(f"{API}/openapi.json").json
    listing = spec["paths"][f"{API}/certificates/"]["get"]
    verify = spec["paths"][f"{API}/certificates/{{code}}/"]["get"]

    assert (listing["operationId"], verify["operationId"]) == (
        "listCertificates",
        "verifyCertificate",
    )
    assert listing["security"] == [{"bearerAuth": []}]
    assert verify["security"] == []
    content = verify["responses"]["200"]["content"]
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Certificate"}
    for operation, statuses in ((listing, ("401", "422")), (verify, ("404", "422"))):
        for status in statuses:
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}
    properties = spec["components"]["schemas"]["Certificate"]["properties"]
    assert properties["status"]["enum"] == ["valid", "revoked"]
    assert "email" not in properties
