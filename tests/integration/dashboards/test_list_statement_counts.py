"""Every list endpoint runs as many SQL statements for a page of 1 as for a page of 100."""

from uuid import uuid4

import pytest
from sqlalchemy import insert, select

from skillwise.adapters.db.tables.core import notifications
from skillwise.adapters.db.tables.learning import reports, reviews
from skillwise.adapters.db.tables.payments import payments
from skillwise.domain.disputes import Dispute, DisputeStatus
from skillwise.domain.money import Money
from tests.factories import NOW, bearer
from tests.integration.dashboards.conftest import sale

pytestmark = pytest.mark.integration


@pytest.fixture
def busy_school(uow_factory, school):
    """The school, with two of everything each list shows."""
    ada, bo = school["ada"], school["bo"]
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
        # Disputes are listed with their payments, so every payment has one.
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
        uow.commit()
    return school


LISTS = [
    ("/api/v1/notifications/", "ada"),
    ("/api/v1/payments/history/", "ada"),
    ("/api/v1/enrollments/", "ada"),
    ("/api/v1/courses/{paid}/reviews/", "ada"),
    ("/api/v1/instructors/courses/", "teacher"),
    ("/api/v1/instructors/courses/{paid}/students/", "teacher"),
    ("/api/v1/instructors/earnings/", "teacher"),
    ("/api/v1/admin/users/", "admin"),
    ("/api/v1/admin/courses/", "admin"),
    ("/api/v1/admin/payments/", "admin"),
    ("/api/v1/admin/reports/", "admin"),
]


@pytest.mark.parametrize(("path", "caller"), LISTS)
def test_a_page_of_100_runs_as_many_statements_as_a_page_of_1(
    client, app, busy_school, count_statements, path, caller
):
    url = path.format(paid=busy_school["paid"].id)
    headers = bearer(app, busy_school[caller])

    def statements(page_size: int) -> tuple[int, int]:
        with count_statements() as counter:
            answer = client.get(url, query_string={"page_size": page_size}, headers=headers)
        assert answer.status_code == 200, answer.json
        return counter.count, len(answer.json["results"])

    (small, one_row), (large, rows) = statements(1), statements(100)
    assert one_row == 1 and rows >= 2
    assert small == large


@pytest.mark.parametrize(
    ("path", "caller"), [("/api/v1/payments/history/", "ada"), ("/api/v1/admin/payments/", "admin")]
)
def test_each_listed_payment_carries_its_disputes(client, app, busy_school, path, caller):
    answer = client.get(path, headers=bearer(app, busy_school[caller]))

    assert answer.status_code == 200, answer.json
    assert answer.json["results"]
    for payment in answer.json["results"]:
        [dispute] = payment["disputes"]
        assert dispute["gateway_reference"] == f"dp_{payment['id'].replace('-', '')}"
        assert (dispute["status"], dispute["outcome"]) == ("needs_response", "open")
        assert (dispute["amount"], dispute["currency"]) == (payment["amount"], payment["currency"])
