"""The `catalog` fixture: people and courses with outlines, written through the repositories."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

import pytest

from skillwise.domain.catalog import Course, CourseLevel, Lesson, Module
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.factories import NOW, a_course, a_user, an_outline, bearer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 4


@dataclass
class BuiltCourse:
    course: Course
    instructor: User
    outline: list[Module] = field(default_factory=list)

    @property
    def id(self) -> UUID:
        return self.course.id

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.outline for lesson in module.lessons]


class Catalog:
    """Builds catalog states for tests and hands out Authorization headers."""

    def __init__(self, uow_factory, app) -> None:
        self._uow_factory = uow_factory
        self._app = app

    def user(self, role: Role = Role.STUDENT, *, full_name: str | None = None) -> User:
        user = a_user(role)
        if full_name:
            user.full_name = full_name
        with self._uow_factory() as uow:
            uow.users.add(user)
            uow.commit()
        return user

    def auth(self, user: User | None) -> dict[str, str]:
        return bearer(self._app, user) if user is not None else {}

    def course(
        self,
        instructor: User | None = None,
        *,
        published: bool = True,
        modules: int = 1,
        lessons_per_module: int = 2,
        title: str | None = None,
        price: Money | None = None,
        **attributes,
    ) -> BuiltCourse:
        instructor = instructor or self.user(Role.INSTRUCTOR)
        course = a_course(instructor, published=published, title=title, price=price)
        for name, value in attributes.items():
            setattr(course, name, value)
        outline = an_outline(course, modules=modules, lessons_per_module=lessons_per_module)
        with self._uow_factory() as uow:
            uow.courses.add(course)
            for module in outline:
                uow.modules.add(module)
                for lesson in module.lessons:
                    lesson.content = f"# {lesson.title}\n\nThe full text."
                    lesson.video_url = f"https://video.example.com/{lesson.id}"
                    uow.lessons.add(lesson)
            uow.commit()
        return BuiltCourse(course, instructor, outline)

    def enroll(
        self, user: User, course: BuiltCourse, status: EnrollmentStatus = EnrollmentStatus.ACTIVE
    ) -> None:
        with self._uow_factory() as uow:
            uow.enrollments.add(
                Enrollment(
                    user_id=user.id,
                    course_id=course.id,
                    started_at=NOW,
                    updated_at=NOW,
                    status=status,
                )
            )
            stored = uow.courses.get(course.id)
            stored.enrollment_count += 1
            uow.courses.save(stored)
            uow.commit()

    def many_courses(self, count: int, instructor: User | None = None) -> list[Course]:
        """Published courses with one module of two lessons each, created a minute apart."""
        instructor = instructor or self.user(Role.INSTRUCTOR)
        built = []
        with self._uow_factory() as uow:
            for number in range(count):
                course = a_course(instructor, title=f"Bulk course {number:04d}")
                course.created_at = NOW + timedelta(minutes=number)
                course.level = CourseLevel.BEGINNER
                uow.courses.add(course)
                for module in an_outline(course):
                    uow.modules.add(module)
                    for lesson in module.lessons:
                        uow.lessons.add(lesson)
                built.append(course)
            uow.commit()
        return built

    def stored_course(self, course_id: UUID) -> Course | None:
        with self._uow_factory() as uow:
            return uow.courses.get(course_id)


@pytest.fixture
def catalog(uow_factory, app) -> Catalog:
    return Catalog(uow_factory, app)
