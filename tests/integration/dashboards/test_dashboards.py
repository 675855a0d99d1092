"""Dashboard figures from real rows, on both databases, and who may see them."""

from datetime import timedelta
from uuid import uuid4

import pytest
from sqlalchemy import insert

from skillwise.adapters.db.tables.learning import lesson_progress
from skillwise.adapters.db.tables.payments import earnings, payments
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import NOW, a_course, a_user, an_outline, bearer
from tests.integration.builders import store_outline

pytestmark = pytest.mark.integration


def add(uow_factory, *things):
    with uow_factory() as uow:
        for thing in things:
            repository = {
                "User": uow.users,
                "Course": uow.courses,
                "Enrollment": uow.enrollments,
            }[type(thing).__name__]
            repository.add(thing)
        uow.commit()


def enroll(user, course, status=EnrollmentStatus.ACTIVE, started_at=NOW):
    return Enrollment(
        user_id=user.id,
        course_id=course.id,
        started_at=started_at,
        updated_at=started_at,
        status=status,
    )


def sale(uow_factory, buyer, course, instructor, amount: Money, fee: int, refunded=False):
    payment_id = uuid4()
    with uow_factory() as uow:
        uow.session.execute(
            insert(payments).values(
                id=payment_id,
                user_id=buyer.id,
                course_id=course.id,
                gateway="fake",
                status="refunded" if refunded else "succeeded",
                amount_minor=amount.amount_minor,
                currency=amount.currency,
                needs_review=False,
                created_at=NOW,
                updated_at=NOW,
                paid_at=NOW,
            )
        )
        entries = [("sale", 1)] + ([("refund", -1)] if refunded else [])
        for kind, sign in entries:
            uow.session.execute(
                insert(earnings).values(
                    id=uuid4(),
                    instructor_id=instructor.id,
                    payment_id=payment_id,
                    course_id=course.id,
                    kind=kind,
                    gross_minor=sign * amount.amount_minor,
                    fee_minor=sign * fee,
                    net_minor=sign * (amount.amount_minor - fee),
                    currency=amount.currency,
                    created_at=NOW,
                )
            )
        uow.commit()


@pytest.fixture
def school(uow_factory, container):
    teacher = a_user(Role.INSTRUCTOR)
    rival = a_user(Role.INSTRUCTOR)
    ada, bo, cy = (a_user(Role.STUDENT) for _ in range(3))
    admin = a_user(Role.ADMIN)
    paid = a_course(teacher, price=Money(2000, "USD"), title="Paid Python")
    free = a_course(teacher, title="Free Git")
    draft = a_course(teacher, published=False, title="Draft Rust")
    other = a_course(rival, title="Rival Course")
    paid.enrollment_count, free.enrollment_count, other.enrollment_count = 2, 1, 1
    add(uow_factory, teacher, rival, ada, bo, cy, admin, paid, free, draft, other)
    outline = an_outline(paid, modules=1, lessons_per_module=2)
    with uow_factory() as uow:
        store_outline(uow, outline)
        uow.commit()
    ada_paid = enroll(ada, paid)
    add(
        uow_factory,
        ada_paid,
        enroll(bo, paid, started_at=NOW - timedelta(days=90)),
        enroll(cy, paid, status=EnrollmentStatus.REFUNDED),
        enroll(ada, free, status=EnrollmentStatus.COMPLETED),
        enroll(bo, other),
    )
    first_lesson = outline[0].lessons[0]
    with uow_factory() as uow:
        uow.session.execute(
            insert(lesson_progress).values(
                id=uuid4(),
                enrollment_id=ada_paid.id,
                lesson_id=first_lesson.id,
                completed=True,
                completed_at=container.infra.clock().now(),
                position_seconds=0,
                updated_at=NOW,
            )
        )
        uow.commit()
    sale(uow_factory, ada, paid, teacher, Money(2000, "USD"), fee=400)
    sale(uow_factory, bo, paid, teacher, Money(2000, "USD"), fee=400)
    sale(uow_factory, cy, paid, teacher, Money(2000, "USD"), fee=400, refunded=True)
    return {
        "teacher": teacher,
        "rival": rival,
        "ada": ada,
        "bo": bo,
        "admin": admin,
        "paid": paid,
        "other": other,
    }


def test_the_instructor_dashboard_counts_only_the_callers_courses_and_net_earnings(
    client, app, school
):
    response = client.get("/api/v1/instructors/dashboard/", headers=bearer(app, school["teacher"]))
    assert response.status_code == 200
    body = response.json
    assert body["total_earnings"] == 3200
    assert body["currency"] == "USD"
    assert body["earnings"] == [{"currency": "USD", "gross": 4000, "fees": 800, "net": 3200}]
    assert body["total_students"] == 2
    assert body["total_enrollments"] == 3
    assert body["completed_enrollments"] == 1
    assert (body["active_courses"], body["draft_courses"], body["total_courses"]) == (2, 1, 3)
    assert body["top_courses"][0]["title"] == "Paid Python"


def test_the_students_list_shows_progress_and_hides_other_instructors_courses(client, app, school):
    url = f"/api/v1/instructors/courses/{school['paid'].id}/students/"
    response = client.get(url, headers=bearer(app, school["teacher"]))
    assert response.status_code == 200
    by_name = {row["student"]["id"]: row for row in response.json["results"]}
    assert response.json["count"] == 3
    ada = by_name[str(school["ada"].id)]
    assert (ada["completed_lessons"], ada["total_lessons"], ada["percent"]) == (1, 2, 50)
    assert client.get(url, headers=bearer(app, school["rival"])).status_code == 404
    assert client.get(url, headers=bearer(app, school["admin"])).status_code == 200


def test_the_students_list_runs_the_same_statements_for_one_row_or_many(
    client, app, school, count_statements
):
    url = f"/api/v1/instructors/courses/{school['paid'].id}/students/"
    headers = bearer(app, school["teacher"])
    with count_statements() as one:
        client.get(url + "?page_size=1", headers=headers)
    with count_statements() as many:
        client.get(url + "?page_size=100", headers=headers)
    assert one.count == many.count


def test_admin_analytics_sums_the_platform(client, app, school):
    response = client.get("/api/v1/admin/analytics/", headers=bearer(app, school["admin"]))
    assert response.status_code == 200
    body = response.json
    assert body["total_users"] == 6
    assert body["users_by_role"] == {"instructor": 2, "student": 3, "admin": 1}
    assert body["total_courses"] == 4
    assert body["total_enrollments"] == 4
    assert body["enrollments_last_30_days"] == 3
    assert body["total_earnings"] == [{"amount": 4000, "currency": "USD"}]
    assert body["platform_fees"] == [{"amount": 800, "currency": "USD"}]
    assert body["payments_by_status"] == {"succeeded": 2, "refunded": 1}
    assert [c["title"] for c in body["top_courses"]][:1] == ["Paid Python"]
    assert body["most_active_users"][0]["id"] == str(school["ada"].id)
    assert body["most_active_users"][0]["completed_lessons"] == 1


@pytest.mark.parametrize(
    ("path", "role", "status"),
    [
        ("/api/v1/instructors/dashboard/", Role.STUDENT, 403),
        ("/api/v1/admin/analytics/", Role.STUDENT, 403),
        ("/api/v1/admin/analytics/", Role.INSTRUCTOR, 403),
        ("/api/v1/instructors/dashboard/", None, 401),
        ("/api/v1/admin/analytics/", None, 401),
    ],
)
def test_dashboards_are_for_their_roles_only(client, app, uow_factory, path, role, status):
    headers = {}
    if role is not None:
        user = a_user(role)
        add(uow_factory, user)
        headers = bearer(app, user)
    assert client.get(path, headers=headers).status_code == status
