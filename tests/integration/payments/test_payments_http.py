"""Buying a course over HTTP with the embedded fake gateway, and who may see and do what."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest
from dependency_injector import providers
from flask.testing import FlaskClient

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.entrypoints.http.app import create_app
from tests.factories import a_course, a_user, bearer

pytestmark = pytest.mark.integration

API = "/api/v1"


def create(client: FlaskClient, headers: dict, course_id, **body):
    return client.post(
        f"{API}/payments/create/", json={"course_id": str(course_id), **body}, headers=headers
    )


def pay_on_fake_checkout(client: FlaskClient, payment_id: str, outcome: str = "succeeded"):
    return client.post(
        f"{API}/payments/fake/checkout/{payment_id}/complete/", data={"outcome": outcome}
    )


@pytest.fixture
def buyer(app, shop):
    return bearer(app, shop.buyer)


@pytest.fixture
def admin(app, shop):
    return bearer(app, shop.admin)


@pytest.fixture
def paid(client, shop, buyer) -> str:
    """A payment of the buyer for the shop's course, paid on the fake checkout page."""
    payment_id = create(client, buyer, shop.course.id).json["id"]
    assert pay_on_fake_checkout(client, payment_id).status_code == 200
    return payment_id


def test_the_fake_gateway_journey_from_checkout_page_to_invoice(
    client, shop, buyer, uow_factory, outbox_mailer
):
    created = create(client, buyer, shop.course.id, amount=1, currency="EUR")
    assert created.status_code == 201
    body = created.json
    assert {k: body[k] for k in ("status", "amount", "currency", "gateway")} == {
        "status": "pending",
        "amount": 1999,
        "currency": "USD",
        "gateway": "fake",
    }
    checkout_url = body["checkout_url"]
    assert checkout_url == f"http://testserver{API}/payments/fake/checkout/{body['id']}/"
    assert "client_secret" not in body

    page = client.get(checkout_url.removeprefix("http://testserver"))
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Practical Flask APIs" in html and "19.99 USD" in html
    assert f"/payments/fake/checkout/{body['id']}/complete/" in html

    result = pay_on_fake_checkout(client, body["id"])
    assert result.status_code == 200 and "Payment succeeded" in result.get_data(as_text=True)

    payment = client.get(f"{API}/payments/{body['id']}/", headers=buyer).json
    assert payment["status"] == "succeeded"
    assert payment["paid_at"] is not None and payment["invoice_id"] is not None
    with uow_factory() as uow:
        enrollment = uow.enrollments.get_for(shop.buyer.id, shop.course.id)
        assert enrollment.status is EnrollmentStatus.ACTIVE
        assert uow.courses.get(shop.course.id).enrollment_count == 1

    invoice = client.get(f"{API}/payments/invoices/{payment['invoice_id']}/", headers=buyer)
    assert invoice.status_code == 200
    assert invoice.json["number"].startswith("INV-") and invoice.json["amount"] == 1999
    assert invoice.json["course_title"] == "Practical Flask APIs"
    assert invoice.json["buyer_email"] == shop.buyer.email.value

    as_pdf = client.get(
        f"{API}/payments/invoices/{payment['invoice_id']}/?format=pdf", headers=buyer
    )
    by_accept = client.get(
        f"{API}/payments/invoices/{payment['invoice_id']}/",
        headers={**buyer, "Accept": "application/pdf"},
    )
    for pdf in (as_pdf, by_accept):
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
        assert pdf.data.startswith(b"%PDF")

    [receipt] = outbox_mailer.to(shop.buyer.email.value)
    [attachment] = receipt.attachments
    assert attachment.filename == f"{invoice.json['number']}.pdf"
    assert attachment.content.startswith(b"%PDF")


def test_paying_twice_on_the_checkout_page_enrolls_once(client, shop, paid, uow_factory):
    again = pay_on_fake_checkout(client, paid)

    assert again.status_code == 200 and "Payment succeeded" in again.get_data(as_text=True)
    with uow_factory() as uow:
        assert uow.courses.get(shop.course.id).enrollment_count == 1


def test_canceling_on_the_checkout_page_enrolls_nobody(client, shop, buyer, uow_factory):
    payment_id = create(client, buyer, shop.course.id).json["id"]

    page = pay_on_fake_checkout(client, payment_id, "canceled")

    assert "Payment canceled" in page.get_data(as_text=True)
    assert client.get(f"{API}/payments/{payment_id}/", headers=buyer).json["status"] == "canceled"
    with uow_factory() as uow:
        assert uow.enrollments.get_for(shop.buyer.id, shop.course.id) is None


def test_a_paid_course_enrolls_only_after_the_payment_succeeded(client, shop, buyer):
    enroll = f"{API}/courses/{shop.course.id}/enroll/"
    assert client.post(enroll, headers=buyer).status_code == 402

    payment_id = create(client, buyer, shop.course.id).json["id"]
    assert client.post(enroll, headers=buyer).status_code == 402
    pay_on_fake_checkout(client, payment_id)

    enrolled = client.post(enroll, headers=buyer)
    assert enrolled.status_code in (200, 201)
    assert enrolled.json["status"] == "active"


def test_the_same_idempotency_key_answers_the_same_payment_and_body(client, shop, buyer):
    headers = {**buyer, "Idempotency-Key": "checkout-1"}

    first = create(client, headers, shop.course.id)
    second = create(client, headers, shop.course.id)

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json == second.json


def test_without_a_key_the_open_payment_is_answered_again(client, shop, buyer, admin):
    first = create(client, buyer, shop.course.id).json
    second = create(client, buyer, shop.course.id).json

    assert first["id"] == second["id"]
    assert client.get(f"{API}/admin/payments/", headers=admin).json["count"] == 1


def test_a_key_reused_for_another_course_is_refused(client, shop, buyer, uow_factory):
    other = a_course(shop.instructor, price=Money(500, "USD"))
    with uow_factory() as uow:
        uow.courses.add(other)
        uow.commit()
    headers = {**buyer, "Idempotency-Key": "checkout-1"}
    create(client, headers, shop.course.id)

    refused = create(client, headers, other.id)

    assert (refused.status_code, refused.json["error"]) == (422, "idempotency_key_reused")


@pytest.mark.parametrize(
    ("course_changes", "status", "error"),
    [
        ({"price": Money(0, "USD")}, 422, "course_is_free"),
        ({"published": False}, 422, "course_not_published"),
    ],
)
def test_free_and_unpublished_courses_are_not_for_sale(
    client, shop, buyer, uow_factory, course_changes, status, error
):
    course = a_course(shop.instructor, **course_changes)
    with uow_factory() as uow:
        uow.courses.add(course)
        uow.commit()

    refused = create(client, buyer, course.id)

    assert (refused.status_code, refused.json["error"]) == (status, error)


def test_a_course_already_owned_is_refused(client, shop, buyer, paid):
    refused = create(client, buyer, shop.course.id)

    assert (refused.status_code, refused.json["error"]) == (409, "already_enrolled")


def test_an_unverified_email_cannot_buy(client, app, shop, uow_factory):
    unverified = a_user(verified=False)
    with uow_factory() as uow:
        uow.users.add(unverified)
        uow.commit()

    refused = create(client, bearer(app, unverified), shop.course.id)

    assert (refused.status_code, refused.json["error"]) == (403, "email_not_verified")


@pytest.mark.parametrize("gateway", ["paypal", "stripe", "sslcommerz"])
def test_a_gateway_unknown_or_not_configured_is_refused(client, shop, buyer, gateway):
    refused = create(client, buyer, shop.course.id, gateway=gateway)

    assert (refused.status_code, refused.json["error"]) == (422, "unknown_gateway")


def test_an_unknown_course_is_not_found_and_guests_must_sign_in(client, buyer):
    assert create(client, buyer, uuid4()).status_code == 404
    assert create(client, {}, uuid4()).status_code == 401


def test_history_lists_my_payments_newest_first(client, app, shop, buyer, uow_factory):
    other = a_course(shop.instructor, price=Money(500, "USD"))
    stranger = a_user()
    with uow_factory() as uow:
        uow.courses.add(other)
        uow.users.add(stranger)
        uow.commit()
    first = create(client, buyer, shop.course.id).json["id"]
    second = create(client, buyer, other.id).json["id"]
    create(client, bearer(app, stranger), other.id)

    history = client.get(f"{API}/payments/history/", headers=buyer).json

    assert history["count"] == 2
    assert {r["id"] for r in history["results"]} == {first, second}
    assert set(history["results"][0]) == {
        "id",
        "course_id",
        "status",
        "amount",
        "currency",
        "price",
        "discount",
        "coupon",
        "coupon_beyond_limit",
        "gateway",
        "created_at",
        "paid_at",
        "invoice_id",
        "refunded_amount",
        "refunds",
        "disputes",
    }


def test_another_users_payment_and_invoice_are_not_found(client, app, shop, paid, buyer):
    invoice_id = client.get(f"{API}/payments/{paid}/", headers=buyer).json["invoice_id"]
    stranger = bearer(app, a_user())
    instructor = bearer(app, shop.instructor)

    for headers in (stranger, instructor):
        assert client.get(f"{API}/payments/{paid}/", headers=headers).status_code == 404
        invoice = client.get(f"{API}/payments/invoices/{invoice_id}/", headers=headers)
        assert invoice.status_code == 404
        pdf = client.get(f"{API}/payments/invoices/{invoice_id}/?format=pdf", headers=headers)
        assert pdf.status_code == 404


def test_admins_read_any_invoice(client, paid, buyer, admin):
    invoice_id = client.get(f"{API}/payments/{paid}/", headers=buyer).json["invoice_id"]

    assert client.get(f"{API}/payments/invoices/{invoice_id}/", headers=admin).status_code == 200


def test_only_admins_list_and_refund_payments(client, app, shop, paid, buyer):
    instructor = bearer(app, shop.instructor)
    for headers in (buyer, instructor):
        assert client.get(f"{API}/admin/payments/", headers=headers).status_code == 403
        refund = client.post(f"{API}/admin/payments/{paid}/refund/", json={}, headers=headers)
        assert refund.status_code == 403
    assert client.get(f"{API}/payments/{paid}/", headers=buyer).json["status"] == "succeeded"


def test_an_admin_refund_ends_access_and_books_the_reversal(
    client, app, shop, paid, admin, buyer, uow_factory, outbox_mailer
):
    refunded = client.post(
        f"{API}/admin/payments/{paid}/refund/", json={"reason": "duplicate"}, headers=admin
    )
    again = client.post(f"{API}/admin/payments/{paid}/refund/", json={}, headers=admin)

    assert (refunded.status_code, again.status_code) == (200, 200)
    assert refunded.json["status"] == again.json["status"] == "refunded"
    assert refunded.json["refunded_at"] is not None
    with uow_factory() as uow:
        enrollment = uow.enrollments.get_for(shop.buyer.id, shop.course.id)
        assert enrollment.status is EnrollmentStatus.REFUNDED
        assert uow.courses.get(shop.course.id).enrollment_count == 0
    earnings = client.get(f"{API}/instructors/earnings/", headers=bearer(app, shop.instructor))
    assert [(e["kind"], e["net"]) for e in earnings.json["results"]] == [
        ("refund", -1599),
        ("sale", 1599),
    ]
    assert earnings.json["totals"] == [
        {"currency": "USD", "gross": 0, "platform_fee": 0, "net": 0, "sales": 1, "refunds": 1}
    ]
    subjects = [m.subject for m in outbox_mailer.to(shop.buyer.email.value)]
    assert subjects[-1] == "Your refund for Practical Flask APIs"
    lesson_access = client.post(f"{API}/courses/{shop.course.id}/enroll/", headers=buyer)
    assert lesson_access.status_code == 402


def test_refunding_a_payment_that_did_not_succeed_is_a_conflict(client, shop, buyer, admin):
    payment_id = create(client, buyer, shop.course.id).json["id"]

    refused = client.post(f"{API}/admin/payments/{payment_id}/refund/", json={}, headers=admin)

    assert (refused.status_code, refused.json["error"]) == (409, "payment_not_refundable")


def test_admins_filter_payments_and_read_their_audit_trail(client, shop, paid, buyer, admin):
    succeeded = client.get(f"{API}/admin/payments/?status=succeeded", headers=admin).json
    pending = client.get(f"{API}/admin/payments/?status=pending", headers=admin).json
    mine = client.get(f"{API}/admin/payments/?user_id={shop.buyer.id}&gateway=fake", headers=admin)
    future = client.get(
        f"{API}/admin/payments/?created_from=2999-01-01T00:00:00Z", headers=admin
    ).json
    backwards = client.get(
        f"{API}/admin/payments/?created_from=2030-01-01&created_to=2020-01-01", headers=admin
    )
    audit = client.get(f"{API}/admin/payments/{paid}/", headers=admin).json

    assert [r["id"] for r in succeeded["results"]] == [paid]
    assert pending["count"] == 0
    assert [r["id"] for r in mine.json["results"]] == [paid]
    assert future["count"] == 0
    assert backwards.status_code == 422
    assert audit["payment"]["user_id"] == str(shop.buyer.id)
    assert [(e["kind"], e["outcome"]) for e in audit["events"]] == [("succeeded", "applied")]


def test_a_forged_fake_webhook_changes_nothing(client, container, shop, buyer):
    payment_id = create(client, buyer, shop.course.id).json["id"]
    forger = container.infra.gateways.fake().__class__("not-our-secret", "http://testserver")
    body, headers = forger.sign_event(
        UUID(payment_id), GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )

    answer = client.post(f"{API}/payments/webhook/", data=body, headers=headers)

    assert (answer.status_code, answer.json["error"]) == (400, "invalid_webhook")
    assert client.get(f"{API}/payments/{payment_id}/", headers=buyer).json["status"] == "pending"


def test_a_signed_webhook_applies_once_and_repeats_answer_200(client, container, shop, buyer):
    payment_id = create(client, buyer, shop.course.id).json["id"]
    body, headers = container.infra.gateways.fake().sign_event(
        UUID(payment_id), GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )

    first = client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    second = client.post(f"{API}/payments/webhook/", data=body, headers=headers)

    assert (first.status_code, second.status_code) == (200, 200)
    assert [e["outcome"] for e in first.json["events"]] == ["applied"]
    assert [e["outcome"] for e in second.json["events"]] == ["duplicate"]


def test_a_webhook_without_a_known_signature_is_refused(client):
    answer = client.post(f"{API}/payments/webhook/", json={"id": "evt_1"})

    assert (answer.status_code, answer.json["error"]) == (400, "invalid_webhook")


def test_a_webhook_for_a_gateway_not_configured_here_is_not_found(client):
    answer = client.post(f"{API}/payments/webhook/stripe/", data=b"{}")

    assert (answer.status_code, answer.json["error"]) == (404, "gateway_not_configured")


def test_the_fake_checkout_page_of_an_unknown_payment_is_not_found(client):
    assert client.get(f"{API}/payments/fake/checkout/{uuid4()}/").status_code == 404


def test_in_production_the_fake_gateway_and_its_checkout_page_are_off(
    container, settings_with, shop, uow_factory
):
    container.infra.settings.override(providers.Object(settings_with(env="production")))
    app = create_app(container)
    client = app.test_client()

    refused = create(client, bearer(app, shop.buyer), shop.course.id)
    page = client.get(f"{API}/payments/fake/checkout/{uuid4()}/")

    assert (refused.status_code, refused.json["error"]) == (422, "unknown_gateway")
    assert page.status_code == 404


def test_instructors_see_their_own_earnings_only(client, app, shop, paid, uow_factory):
    colleague = a_user(Role.INSTRUCTOR)
    with uow_factory() as uow:
        uow.users.add(colleague)
        uow.commit()

    mine = client.get(f"{API}/instructors/earnings/", headers=bearer(app, shop.instructor)).json
    theirs = client.get(f"{API}/instructors/earnings/", headers=bearer(app, colleague)).json
    student = client.get(f"{API}/instructors/earnings/", headers=bearer(app, shop.buyer))

    [entry] = mine["results"]
    assert (entry["kind"], entry["gross"], entry["platform_fee"], entry["net"]) == (
        "sale",
        1999,
        400,
        1599,
    )
    assert entry["payment_id"] == paid
    assert (theirs["count"], theirs["totals"]) == (0, [])
    assert student.status_code == 403


def test_every_payments_endpoint_is_in_the_openapi_spec(client):
    paths = client.get(f"{API}/openapi.json").json["paths"]

    for path in (
        "/payments/create/",
        "/payments/history/",
        "/payments/{payment_id}/",
        "/payments/invoices/{invoice_id}/",
        "/payments/webhook/",
        "/payments/webhook/stripe/",
        "/payments/webhook/sslcommerz/",
        "/payments/fake/checkout/{payment_id}/",
        "/payments/fake/checkout/{payment_id}/complete/",
        "/payments/sslcommerz/success/",
        "/payments/sslcommerz/fail/",
        "/payments/sslcommerz/cancel/",
        "/admin/payments/",
        "/admin/payments/{payment_id}/",
        "/admin/payments/{payment_id}/refund/",
        "/instructors/earnings/",
    ):
        assert f"{API}{path}" in paths, path
