"""A small catalog in a FakeUnitOfWork, with the fakes the catalog's use cases take."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from skillwise.domain.catalog.course import Course
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.identity import Actor, Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.factories import NOW, a_course, a_user, an_outline
from tests.fakes.basics import FixedClock
from tests.fakes.catalog import FakeCourseQueries, FakeFileStorage, RecordingCatalogCache
from tests.fakes.unit_of_work import FakeUnitOfWork


@dataclass
class Shelf:
    uow: FakeUnitOfWork
    clock: FixedClock
    cache: RecordingCatalogCache
    queries: FakeCourseQueries
    storage: FakeFileStorage

    def user(self, role: Role = Role.STUDENT) -> User:
        user = a_user(role)
        self.uow.users.rows[user.id] = user
        return user

    def actor(self, role: Role = Role.STUDENT) -> Actor:
        return self.user(role).as_actor()

    def course(
        self,
        instructor: User | None = None,
        *,
        published: bool = True,
        modules: int = 1,
        lessons_per_module: int = 2,
        price: Money | None = None,
    ) -> Course:
        course = a_course(
            instructor or self.user(Role.INSTRUCTOR), published=published, price=price
        )
        self.uow.courses.rows[course.id] = course
        for module in an_outline(course, modules=modules, lessons_per_module=lessons_per_module):
            self.uow.modules.rows[module.id] = module
            for lesson in module.lessons:
                lesson.content = f"Text of {lesson.title}"
                self.uow.lessons.rows[lesson.id] = lesson
            module.lessons = []
        return course

    def owner_of(self, course: Course) -> Actor:
        return self.uow.users.rows[course.instructor_id].as_actor()

    def modules_of(self, course: Course) -> list[Module]:
        return self.uow.modules.list_for_course(course.id)

    def lessons_of(self, module: Module) -> list[Lesson]:
        return self.uow.lessons.list_for_module(module.id)

    def enroll(
        self, actor: Actor, course: Course, status: EnrollmentStatus = EnrollmentStatus.ACTIVE
    ) -> None:
        enrollment = Enrollment(
            user_id=actor.user_id,
            course_id=course.id,
            started_at=NOW,
            updated_at=NOW,
            status=status,
        )
        self.uow.enrollments.rows[enrollment.id] = enrollment
        course.enrollment_count += 1


@pytest.fixture
def shelf() -> Shelf:
    uow = FakeUnitOfWork()
    return Shelf(
        uow=uow,
        clock=FixedClock(),
        cache=uow.catalog_cache,
        queries=FakeCourseQueries(uow),
        storage=FakeFileStorage(),
    )
