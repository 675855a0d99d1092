"""A small world of users, courses and enrollments in a FakeUnitOfWork."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import uuid4

import pytest

from skillwise.domain.catalog.course import Course
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.learning.progress import LessonRef
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.factories import NOW, a_course, a_user
from tests.fakes.basics import FixedClock
from tests.fakes.catalog import RecordingCatalogCache
from tests.fakes.learning import FakeLearningQueries, FakePaymentLookup
from tests.fakes.unit_of_work import FakeUnitOfWork


@dataclass
class World:
    uow: FakeUnitOfWork
    payments: FakePaymentLookup

    def user(self, role: Role = Role.STUDENT, full_name: str | None = None) -> User:
        user = a_user(role)
        if full_name:
            user.full_name = full_name
        self.uow.users.rows[user.id] = user
        return user

    def course(
        self,
        instructor: User | None = None,
        *,
        lessons: int = 3,
        duration_seconds: int = 300,
        price: Money | None = None,
        published: bool = True,
    ) -> Course:
        course = a_course(
            instructor or self.user(Role.INSTRUCTOR), price=price, published=published
        )
        self.uow.courses.rows[course.id] = course
        self.uow.lesson_progress.outlines[course.id] = [
            LessonRef(id=uuid4(), duration_seconds=duration_seconds) for _ in range(lessons)
        ]
        return course

    def lessons_of(self, course: Course) -> list[LessonRef]:
        return self.uow.lesson_progress.outline(course.id)

    def add_lesson(self, course: Course, duration_seconds: int = 300) -> LessonRef:
        lesson = LessonRef(id=uuid4(), duration_seconds=duration_seconds)
        self.uow.lesson_progress.outlines[course.id].append(lesson)
        return lesson

    def enrollment(
        self,
        student: User,
        course: Course,
        status: EnrollmentStatus = EnrollmentStatus.ACTIVE,
    ) -> Enrollment:
        enrollment = Enrollment(
            user_id=student.id,
            course_id=course.id,
            started_at=NOW,
            updated_at=NOW,
            status=status,
        )
        self.uow.enrollments.rows[enrollment.id] = enrollment
        course.enrollment_count += 1
        return enrollment

    def notifications_of(self, user: User) -> list[str]:
        return [n.kind for n in self.uow.notifications.for_user(user.id)]


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    # Enrollment asks payments one question; this fake answers it without a payments model.
    uow.payments = FakePaymentLookup()
    return uow


@pytest.fixture
def world(uow: FakeUnitOfWork) -> World:
    return World(uow=uow, payments=uow.payments)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def queries(uow: FakeUnitOfWork) -> FakeLearningQueries:
    return FakeLearningQueries(uow)


@pytest.fixture
def catalog_cache(uow: FakeUnitOfWork) -> RecordingCatalogCache:
    return uow.catalog_cache
