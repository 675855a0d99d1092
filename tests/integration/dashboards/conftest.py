"""A small school with sales, refunds and progress, shared by the dashboard tests."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import insert

from skillwise.adapters.db.tables.learning import lesson_progress, reviews
from skillwise.adapters.db.tables.payments import earnings, payments
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import NOW, a_course, a_user, an_outline
from tests.integration.builders import store_outline
from tests.integration.dashboards.sales import sell


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
                price_minor=amount.amount_minor,
                amount_minor=amount.amount_minor,
                currency=amount.currency,
                needs_review=False,
                refunded_minor=amount.amount_minor if refunded else 0,
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
                    entry_key=kind,
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


def at(month, day, hour=12):
    return datetime(2026, month, day, hour, tzinfo=UTC)


def joined(role, when):
    user = a_user(role)
    user.date_joined = when
    return user


@pytest.fixture
def autumn(uow_factory):
    """Sales from September to November 2026, one just before and one course of each currency.

    USD: Sep 10 a 20.00 sale (fee 4.00); Oct 5 a 20.00 sale with 5.00 off (fee 3.00).
    BDT: Oct 20 a 1000.00 sale (fee 200.00) refunded Nov 3; Nov 12 a 1000.00 sale (fee
    200.00), disputed; Aug 30 a 1000.00 sale, outside the window.
    Dan, who buys nothing, completes a lesson on Oct 1; Eve completed one in August.
    """
    teacher = joined(Role.INSTRUCTOR, at(8, 1))
    ada, bo = joined(Role.STUDENT, at(9, 10, 9)), joined(Role.STUDENT, at(9, 10, 23))
    cy, dan = joined(Role.STUDENT, at(10, 20, 0)), joined(Role.STUDENT, at(11, 30, 23))
    eve, admin = joined(Role.STUDENT, at(8, 2)), joined(Role.ADMIN, at(8, 1))
    python = a_course(teacher, price=Money(2000, "USD"), title="Python")
    bangla = a_course(teacher, price=Money(100000, "BDT"), title="Bangla")
    git = a_course(teacher, title="Git")
    add(uow_factory, teacher, ada, bo, cy, dan, eve, admin, python, bangla, git)
    outline = an_outline(git, lessons_per_module=1)
    dan_git, eve_git = enroll(dan, git, started_at=at(9, 30)), enroll(eve, git, started_at=at(8, 2))
    add(
        uow_factory,
        enroll(ada, python, started_at=at(9, 10)),
        enroll(bo, python, started_at=at(10, 5)),
        enroll(cy, bangla, started_at=at(10, 20)),
        enroll(ada, bangla, started_at=at(11, 12)),
        enroll(bo, bangla, started_at=at(8, 30)),
        dan_git,
        eve_git,
    )
    with uow_factory() as uow:
        store_outline(uow, outline)
        for enrollment, when in ((dan_git, at(10, 1)), (eve_git, at(8, 3))):
            uow.session.execute(
                insert(lesson_progress).values(
                    id=uuid4(),
                    enrollment_id=enrollment.id,
                    lesson_id=outline[0].lessons[0].id,
                    completed=True,
                    completed_at=when,
                    position_seconds=0,
                    updated_at=when,
                )
            )
        uow.commit()
    usd = {"course": python, "currency": "USD", "price": 2000}
    bdt = {"course": bangla, "currency": "BDT", "price": 100000}
    sell(uow_factory, buyer=ada, fee=400, at=at(9, 10), **usd)
    sell(uow_factory, buyer=bo, fee=300, at=at(10, 5), discount=500, **usd)
    sell(uow_factory, buyer=cy, fee=20000, at=at(10, 20), refunded_at=at(11, 3), **bdt)
    sell(uow_factory, buyer=ada, fee=20000, at=at(11, 12), disputed=True, **bdt)
    sell(uow_factory, buyer=bo, fee=20000, at=at(8, 30), **bdt)
    return {
        "admin": admin,
        "teacher": teacher,
        "ada": ada,
        "bo": bo,
        "cy": cy,
        "python": python,
        "bangla": bangla,
    }


def progress(uow_factory, *marks):
    """`(enrollment, lesson, completed, when)` rows of lesson progress."""
    with uow_factory() as uow:
        for enrollment, lesson, completed, when in marks:
            uow.session.execute(
                insert(lesson_progress).values(
                    id=uuid4(),
                    enrollment_id=enrollment.id,
                    lesson_id=lesson.id,
                    completed=completed,
                    completed_at=when if completed else None,
                    position_seconds=0,
                    updated_at=when,
                )
            )
        uow.commit()


def rate(uow_factory, course, *ratings):
    """`(author, rating)` reviews of `course`."""
    with uow_factory() as uow:
        for author, rating in ratings:
            uow.session.execute(
                insert(reviews).values(
                    id=uuid4(),
                    user_id=author.id,
                    course_id=course.id,
                    rating=rating,
                    comment="",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        uow.commit()


@pytest.fixture
def classroom(uow_factory):
    """One course of four lessons (two modules of two) and its students, on Nov 1-7 2026.

    Ann (started Nov 2) finished all four; Ben (Nov 2) did 1.1 and 1.2 and is half-way
    through 2.1; Cat (Nov 5) did 1.1; Dov (Oct 20, before the window) is suspended and did
    nothing; Eli (Nov 5) did 1.1 and was refunded, so he is no longer a student. Ratings:
    Ann 5, Ben 4, Cat 5; Ann also gave the rival's course a 1 and enrolled in it on Nov 3.
    """
    teacher, rival, admin = a_user(Role.INSTRUCTOR), a_user(Role.INSTRUCTOR), a_user(Role.ADMIN)
    ann, ben, cat, dov, eli = (a_user(Role.STUDENT) for _ in range(5))
    python = a_course(teacher, title="Python")
    bare = a_course(teacher, title="Bare")
    theirs = a_course(rival, title="Theirs")
    add(uow_factory, teacher, rival, admin, ann, ben, cat, dov, eli, python, bare, theirs)
    outline = an_outline(python, modules=2, lessons_per_module=2)
    with uow_factory() as uow:
        # Stored last module first: the outline's order comes from positions.
        store_outline(uow, outline[::-1])
        uow.commit()
    first, second, third, fourth = (lesson for module in outline for lesson in module.lessons)
    nov = {day: datetime(2026, 11, day, 10, tzinfo=UTC) for day in range(1, 8)}
    ann_in = enroll(ann, python, EnrollmentStatus.COMPLETED, nov[2])
    ben_in, cat_in = enroll(ben, python, started_at=nov[2]), enroll(cat, python, started_at=nov[5])
    dov_in = enroll(dov, python, started_at=datetime(2026, 10, 20, tzinfo=UTC))
    dov_in.suspend(nov[1])
    eli_in = enroll(eli, python, EnrollmentStatus.REFUNDED, nov[5])
    ann_theirs = enroll(ann, theirs, started_at=nov[3])
    add(uow_factory, ann_in, ben_in, cat_in, dov_in, eli_in, ann_theirs)
    done = [(ann_in, lesson, True, nov[6]) for lesson in (first, second, third, fourth)]
    progress(
        uow_factory,
        *done,
        (ben_in, first, True, nov[3]),
        (ben_in, second, True, nov[4]),
        (ben_in, third, False, nov[4]),
        (cat_in, first, True, nov[6]),
        (eli_in, first, True, nov[6]),
    )
    rate(uow_factory, python, (ann, 5), (ben, 4), (cat, 5))
    rate(uow_factory, theirs, (ann, 1))
    return {
        "teacher": teacher,
        "rival": rival,
        "admin": admin,
        "student": ann,
        "python": python,
        "bare": bare,
        "theirs": theirs,
        "lessons": [first, second, third, fourth],
    }
