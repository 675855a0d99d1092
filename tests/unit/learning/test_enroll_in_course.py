from uuid import uuid4

import pytest

from skillwise.application.learning.use_cases.enroll_in_course import EnrollInCourse
from skillwise.application.learning.use_cases.get_enrollment import GetEnrollment
from skillwise.application.learning.use_cases.list_enrollments import ListEnrollments
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import NotFound, PaymentRequired, PermissionDenied
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.fakes.repositories import FakeEnrollmentRepository


@pytest.fixture
def enroll(uow, clock, queries):
    return EnrollInCourse(uow=uow, clock=clock, queries=queries)


def enrollments_in(uow, course):
    return [e for e in uow.enrollments.rows.values() if e.course_id == course.id]


def test_a_student_enrolls_in_a_free_published_course_at_once(world, enroll, catalog_cache):
    student, course = world.user(), world.course()

    view, created = enroll(student.as_actor(), course.id)

    assert created is True
    assert view.course.id == course.id
    assert view.status is EnrollmentStatus.ACTIVE
    assert view.progress.total_lessons == 3 and view.progress.percent == 0
    assert [e.user_id for e in enrollments_in(world.uow, course)] == [student.id]
    assert world.uow.courses.get(course.id).enrollment_count == 1
    assert world.notifications_of(student) == ["enrollment"]
    assert catalog_cache.changed == [course.id]


def test_enrolling_twice_answers_the_same_enrollment_and_adds_no_row(world, enroll):
    student, course = world.user(), world.course()
    first, _ = enroll(student.as_actor(), course.id)

    again, created = enroll(student.as_actor(), course.id)

    assert created is False
    assert again.id == first.id
    assert len(enrollments_in(world.uow, course)) == 1
    assert world.uow.courses.get(course.id).enrollment_count == 1


def test_a_paid_course_without_a_succeeded_payment_requires_payment(world, enroll):
    student, course = world.user(), world.course(price=Money(1999, "USD"))

    with pytest.raises(PaymentRequired) as error:
        enroll(student.as_actor(), course.id)

    assert error.value.code == "payment_required"
    assert enrollments_in(world.uow, course) == []
    assert world.uow.courses.get(course.id).enrollment_count == 0


def test_a_paid_course_enrolls_once_the_student_has_a_succeeded_payment(world, enroll):
    student, course = world.user(), world.course(price=Money(1999, "USD"))
    world.payments.record_succeeded_payment(student.id, course.id)

    view, created = enroll(student.as_actor(), course.id)

    assert created is True and view.course.id == course.id
    assert world.uow.courses.get(course.id).enrollment_count == 1


def test_someone_elses_payment_does_not_open_a_paid_course(world, enroll):
    buyer, student = world.user(), world.user()
    course = world.course(price=Money(1999, "USD"))
    world.payments.record_succeeded_payment(buyer.id, course.id)

    with pytest.raises(PaymentRequired):
        enroll(student.as_actor(), course.id)


def test_a_refunded_enrollment_of_a_paid_course_needs_a_new_payment(world, enroll):
    student, course = world.user(), world.course(price=Money(1999, "USD"))
    refunded = world.enrollment(student, course, status=EnrollmentStatus.REFUNDED)

    with pytest.raises(PaymentRequired):
        enroll(student.as_actor(), course.id)

    world.payments.record_succeeded_payment(student.id, course.id)
    view, created = enroll(student.as_actor(), course.id)
    assert created is True
    assert view.id == refunded.id and view.status is EnrollmentStatus.ACTIVE


def test_an_unknown_course_is_not_found(world, enroll):
    with pytest.raises(NotFound):
        enroll(world.user().as_actor(), uuid4())


def test_a_draft_course_is_not_found(world, enroll):
    course = world.course(published=False)

    with pytest.raises(NotFound):
        enroll(world.user().as_actor(), course.id)


def test_an_instructor_cannot_enroll_in_their_own_course(world, enroll):
    instructor = world.user(Role.INSTRUCTOR)
    course = world.course(instructor)

    with pytest.raises(PermissionDenied) as error:
        enroll(instructor.as_actor(), course.id)

    assert error.value.code == "own_course"
    assert enrollments_in(world.uow, course) == []


def test_an_instructor_may_enroll_in_another_instructors_course(world, enroll):
    other_instructor = world.user(Role.INSTRUCTOR)

    _, created = enroll(other_instructor.as_actor(), world.course().id)

    assert created is True


class LosingTheRace(FakeEnrollmentRepository):
    """A concurrent request inserts its enrollment between our check and our insert."""

    def __init__(self, winner) -> None:
        super().__init__()
        self._winner = winner

    def add(self, enrollment) -> None:
        if self._winner is not None:
            self.rows[self._winner.id], self._winner = self._winner, None
        super().add(enrollment)


def test_a_concurrent_duplicate_answers_the_enrollment_that_won(world, uow, enroll):
    student, course = world.user(), world.course()
    winner = world.enrollment(student, course)
    uow.enrollments = LosingTheRace(winner)
    course.enrollment_count = 1

    view, created = enroll(student.as_actor(), course.id)

    assert created is False
    assert view.id == winner.id
    assert list(uow.enrollments.rows) == [winner.id]
    assert uow.courses.get(course.id).enrollment_count == 1


def test_my_enrollments_list_mine_only_with_course_summary_and_progress(
    world, enroll, queries, clock
):
    instructor = world.user(Role.INSTRUCTOR, full_name="Ada Lovelace")
    student, other = world.user(), world.user()
    first, second = world.course(instructor), world.course(instructor, lessons=2)
    enroll(student.as_actor(), first.id)
    clock.advance(minutes=5)
    enroll(student.as_actor(), second.id)
    enroll(other.as_actor(), first.id)

    page = ListEnrollments(queries)(student.as_actor(), PageRequest(page=1, page_size=20))

    assert page.total == 2
    assert [view.course.id for view in page.items] == [second.id, first.id]
    assert page.items[0].course.instructor.full_name == "Ada Lovelace"
    assert page.items[0].course.slug == second.slug
    assert page.items[0].progress.total_lessons == 2


def test_another_users_enrollment_is_not_found(world, enroll, queries):
    student, snoop = world.user(), world.user()
    view, _ = enroll(student.as_actor(), world.course().id)

    assert GetEnrollment(queries)(student.as_actor(), view.id).id == view.id
    with pytest.raises(NotFound):
        GetEnrollment(queries)(snoop.as_actor(), view.id)
