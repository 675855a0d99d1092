"""Every list endpoint runs no more SQL statements for a page of 100 than for a page of 1."""

from datetime import timedelta
from urllib.parse import parse_qsl
from uuid import UUID, uuid4

import pytest
from sqlalchemy import insert, select

from skillwise.adapters.db.tables.core import notifications
from skillwise.adapters.db.tables.learning import reports, reviews
from skillwise.adapters.db.tables.payments import payments
from skillwise.domain.disputes import Dispute, DisputeStatus
from skillwise.domain.money import Money
from skillwise.domain.refunds import Refund, RefundStatus
from tests.factories import NOW, bearer
from tests.integration.builders import Builder, a_coupon_over_http, complete_course_over_http
from tests.integration.dashboards.conftest import sale

pytestmark = pytest.mark.integration


def payment_of(uow_factory, buyer, course) -> UUID:
    with uow_factory() as uow:
        return uow.session.execute(
            select(payments.c.id).where(
                payments.c.user_id == buyer.id, payments.c.course_id == course.id
            )
        ).scalar_one()


def disputed_and_twice_refunded(uow_factory) -> None:
    """Refunds and disputes are listed with their payments, so every payment has both."""
    with uow_factory() as uow:
        for payment_id, amount_minor, currency in uow.session.execute(
            select(payments.c.id, payments.c.amount_minor, payments.c.currency)
        ):
            uow.disputes.add(
                Dispute(
                    payment_id=payment_id,
                    gateway="fake",
                    gateway_reference=f"dp_{payment_id.hex}",
                    amount=Money(amount_minor, currency),
                    status=DisputeStatus.NEEDS_RESPONSE,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
            for minutes in (1, 2):
                uow.refunds.add(
                    Refund(
                        payment_id=payment_id,
                        amount=Money(100, currency),
                        gateway="fake",
                        status=RefundStatus.FAILED,
                        failure_reason="declined",
                        created_at=NOW + timedelta(minutes=minutes),
                        updated_at=NOW + timedelta(minutes=minutes),
                    )
                )
        uow.commit()


@pytest.fixture
def busy_school(uow_factory, app, client, school):
    """The school, with two of everything each list shows."""
    ada, bo, teacher = school["ada"], school["bo"], school["teacher"]
    as_ada = bearer(app, ada)
    sale(uow_factory, ada, school["other"], school["rival"], Money(1500, "USD"), fee=300)
    with uow_factory() as uow:
        for author in (ada, bo):
            uow.session.execute(
                insert(reviews).values(
                    id=uuid4(),
                    user_id=author.id,
                    course_id=school["paid"].id,
                    rating=4,
                    comment="Good",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
            uow.session.execute(
                insert(reports).values(
                    id=uuid4(),
                    reporter_id=author.id,
                    target_type="course",
                    target_id=school["other"].id,
                    reason="Spam",
                    status="open",
                    created_at=NOW,
                    resolution_note="",
                )
            )
        for n in range(3):
            uow.session.execute(
                insert(notifications).values(
                    id=uuid4(),
                    user_id=ada.id,
                    kind="enrollment",
                    title=f"Notice {n}",
                    body="",
                    data={},
                    created_at=NOW,
                )
            )
        uow.commit()
    # Two courses of two modules of two lessons, which Ada completes: two certificates.
    outlined = [
        Builder(uow_factory, app, modules=2).course(teacher, title=title)
        for title in ("Free Docker", "Free Make")
    ]
    for built in outlined:
        complete_course_over_http(client, built, as_ada)
    for course in (school["paid"], school["other"]):
        wish = {"course_id": str(course.id)}
        assert client.post("/api/v1/wishlist/", json=wish, headers=as_ada).status_code == 201
    for token in ("ada-phone", "ada-tablet"):
        device = {"platform": "android", "token": token}
        assert client.post("/api/v1/devices/", json=device, headers=as_ada).status_code == 201
    for code in ("SPRING10", "AUTUMN20"):
        a_coupon_over_http(
            client,
            bearer(app, teacher),
            code=code,
            kind="percent",
            value=10,
            course_id=str(school["paid"].id),
        )
    for buyer, course in ((bo, school["paid"]), (ada, school["other"])):
        asked = client.post(
            f"/api/v1/payments/{payment_of(uow_factory, buyer, course)}/refund-request/",
            json={"reason": "Not what I expected"},
            headers=bearer(app, buyer),
        )
        assert asked.status_code == 201, asked.json
    disputed_and_twice_refunded(uow_factory)
    return {**school, "outlined": outlined[0]}


LISTS = [
    ("/api/v1/notifications/", "ada"),
    ("/api/v1/notifications/?unread=true", "ada"),
    ("/api/v1/payments/history/", "ada"),
    ("/api/v1/enrollments/", "ada"),
    ("/api/v1/certificates/", "ada"),
    ("/api/v1/wishlist/", "ada"),
    ("/api/v1/devices/", "ada"),
    ("/api/v1/courses/", "ada"),
    ("/api/v1/courses/?search=free", "ada"),
    ("/api/v1/courses/?instructor={teacher}", "ada"),
    ("/api/v1/courses/{paid}/reviews/", "ada"),
    ("/api/v1/courses/{outlined}/modules/", "ada"),
    ("/api/v1/modules/{module}/lessons/", "ada"),
    ("/api/v1/instructors/courses/", "teacher"),
    ("/api/v1/instructors/courses/{paid}/students/", "teacher"),
    ("/api/v1/instructors/earnings/", "teacher"),
    ("/api/v1/coupons/", "teacher"),
    ("/api/v1/coupons/", "admin"),
    ("/api/v1/admin/users/", "admin"),
    ("/api/v1/admin/courses/", "admin"),
    ("/api/v1/admin/courses/?status=published&instructor={teacher}", "admin"),
    ("/api/v1/admin/payments/", "admin"),
    ("/api/v1/admin/payments/?status=succeeded", "admin"),
    ("/api/v1/admin/refund-requests/", "admin"),
    ("/api/v1/admin/refund-requests/?status=open", "admin"),
    ("/api/v1/admin/reports/", "admin"),
]


@pytest.mark.parametrize(("path", "caller"), LISTS)
def test_a_page_of_100_runs_as_many_statements_as_a_page_of_1(
    client, app, busy_school, count_statements, path, caller
):
    outlined = busy_school["outlined"]
    url, _, query = path.format(
        paid=busy_school["paid"].id,
        teacher=busy_school["teacher"].id,
        outlined=outlined.id,
        # The second module has no preview lesson, so a page of any size asks once whether the
        # caller is enrolled (a page of previews alone need not ask).
        module=outlined.outline[1].id,
    ).partition("?")
    headers = bearer(app, busy_school[caller])

    def statements(page_size: int) -> tuple[int, int]:
        arguments = {**dict(parse_qsl(query)), "page_size": page_size}
        # Asked once before counting: the catalog keeps its count per filter, so whichever
        # page came first would otherwise pay for the count the other reads from the cache.
        client.get(url, query_string=arguments, headers=headers)
        with count_statements() as counter:
            answer = client.get(url, query_string=arguments, headers=headers)
        assert answer.status_code == 200, answer.json
        return counter.count, len(answer.json["results"])

    (small, one_row), (large, rows) = statements(1), statements(100)
    assert one_row == 1 and rows >= 2
    assert small == large


@pytest.mark.parametrize(
    ("path", "caller"), [("/api/v1/payments/history/", "ada"), ("/api/v1/admin/payments/", "admin")]
)
def test_each_listed_payment_carries_its_disputes_and_refunds(
    client, app, busy_school, path, caller
):
    answer = client.get(path, headers=bearer(app, busy_school[caller]))

    assert answer.status_code == 200, answer.json
    assert answer.json["results"]
    for payment in answer.json["results"]:
        [dispute] = payment["disputes"]
        assert dispute["gateway_reference"] == f"dp_{payment['id'].replace('-', '')}"
        assert (dispute["status"], dispute["outcome"]) == ("needs_response", "open")
        assert (dispute["amount"], dispute["currency"]) == (payment["amount"], payment["currency"])
        assert [(r["payment_id"], r["status"]) for r in payment["refunds"]] == [
            (payment["id"], "failed")
        ] * 2
        first, second = payment["refunds"]
        assert first["created_at"] < second["created_at"]
