"""People, courses with outlines and enrollments for integration tests.

Everything is written through the same repositories the use cases use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from skillwise.domain.catalog.course import Course, CourseLevel
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.factories import NOW, a_course, a_user, an_outline, bearer


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


def store_outline(uow, outline: list[Module]) -> None:
    """Add modules and their lessons inside the caller's unit of work."""
    for module in outline:
        uow.modules.add(module)
        for lesson in module.lessons:
            uow.lessons.add(lesson)


class Builder:
    """Builds states for tests and hands out Authorization headers."""

    def __init__(self, uow_factory, app, *, modules: int = 1) -> None:
        self._uow_factory = uow_factory
        self._app = app
        self._modules = modules

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
        modules: int | None = None,
        lessons_per_module: int = 2,
        title: str | None = None,
        price: Money | None = None,
        **attributes,
    ) -> BuiltCourse:
        instructor = instructor or self.user(Role.INSTRUCTOR)
        course = a_course(instructor, published=published, title=title, price=price)
        for name, value in attributes.items():
            setattr(course, name, value)
        outline = an_outline(
            course,
            modules=self._modules if modules is None else modules,
            lessons_per_module=lessons_per_module,
        )
        for lesson in (lesson for module in outline for lesson in module.lessons):
            lesson.content = f"# {lesson.title}\n\nThe full text."
            lesson.video_url = f"https://video.example.com/{lesson.id}"
        with self._uow_factory() as uow:
            uow.courses.add(course)
            store_outline(uow, outline)
            uow.commit()
        return BuiltCourse(course, instructor, outline)

    def add_lesson(self, built: BuiltCourse, duration_seconds: int = 300) -> Lesson:
        module = built.outline[-1]
        lesson = Lesson(
            module_id=module.id,
            course_id=built.id,
            title="Added later",
            position=len(module.lessons) + 1,
            created_at=NOW,
            updated_at=NOW,
            duration_seconds=duration_seconds,
        )
        with self._uow_factory() as uow:
            uow.lessons.add(lesson)
            uow.commit()
        module.lessons.append(lesson)
        return lesson

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
                store_outline(uow, an_outline(course))
                built.append(course)
            uow.commit()
        return built

    def bare_courses(self, count: int, **attributes_by_number) -> list[Course]:
        """Published courses without outlines, inserted in one statement: a table a planner
        treats as large. Each keyword maps a course's number to an attribute's value."""
        instructor = self.user(Role.INSTRUCTOR)
        many = []
        for number in range(count):
            course = a_course(instructor, title=f"Bare course {number:05d}")
            course.created_at = NOW + timedelta(seconds=number)
            for name, value_of in attributes_by_number.items():
                setattr(course, name, value_of(number))
            many.append(course)
        with self._uow_factory() as uow:
            uow.courses.add_many(many)
            uow.commit()
        return many

    def stored_course(self, course_id: UUID) -> Course | None:
        with self._uow_factory() as uow:
            return uow.courses.get(course_id)


def a_coupon_over_http(client, headers: dict, **body) -> dict:
    """A coupon made through `POST /coupons/` by the caller `headers` sign in."""
    answer = client.post("/api/v1/coupons/", json=body, headers=headers)
    assert answer.status_code == 201, answer.json
    return answer.json


def complete_course_over_http(client, built: BuiltCourse, headers: dict) -> None:
    """Enroll the caller `headers` sign in and mark every lesson of `built` done, through
    `POST /courses/{id}/enroll/` and `PATCH /enrollments/{id}/progress/`."""
    enrolled = client.post(f"/api/v1/courses/{built.id}/enroll/", headers=headers)
    assert enrolled.status_code in (200, 201), enrolled.json
    for lesson in built.lessons:
        step = client.patch(
            f"/api/v1/enrollments/{enrolled.json['id']}/progress/",
            json={"lesson_id": str(lesson.id), "completed": True},
            headers=headers,
        )
        assert step.status_code == 200, step.json
