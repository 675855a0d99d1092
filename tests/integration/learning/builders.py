"""Courses with lessons written straight into the spine tables (the catalog's own
repositories are not needed for that), plus users to learn them."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import insert

from skillwise.adapters.db.tables.core import lessons, modules
from skillwise.domain.catalog import Course, Lesson, Module
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.factories import NOW, a_course, a_user, an_outline, bearer


@dataclass
class CourseWithLessons:
    course: Course
    instructor: User
    outline: list[Module] = field(default_factory=list)

    @property
    def id(self) -> UUID:
        return self.course.id

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.outline for lesson in module.lessons]


def insert_module(uow, module: Module) -> None:
    uow.session.execute(
        insert(modules).values(
            id=module.id, course_id=module.course_id, title=module.title, position=module.position
        )
    )
    for lesson in module.lessons:
        insert_lesson(uow, lesson)


def insert_lesson(uow, lesson: Lesson) -> None:
    uow.session.execute(
        insert(lessons).values(
            id=lesson.id,
            module_id=lesson.module_id,
            course_id=lesson.course_id,
            title=lesson.title,
            content=lesson.content,
            video_url=lesson.video_url,
            duration_seconds=lesson.duration_seconds,
            position=lesson.position,
            is_preview=lesson.is_preview,
            created_at=lesson.created_at,
            updated_at=lesson.updated_at,
        )
    )


class Learning:
    """Builds what the learning tests need through the unit of work and the spine tables."""

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

    def course(
        self,
        instructor: User | None = None,
        *,
        modules: int = 2,
        lessons_per_module: int = 2,
        price: Money | None = None,
        published: bool = True,
    ) -> CourseWithLessons:
        instructor = instructor or self.user(Role.INSTRUCTOR)
        course = a_course(instructor, price=price, published=published)
        outline = an_outline(course, modules=modules, lessons_per_module=lessons_per_module)
        with self._uow_factory() as uow:
            uow.courses.add(course)
            for module in outline:
                insert_module(uow, module)
            uow.commit()
        return CourseWithLessons(course=course, instructor=instructor, outline=outline)

    def add_lesson(self, built: CourseWithLessons, duration_seconds: int = 300) -> Lesson:
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
            insert_lesson(uow, lesson)
            uow.commit()
        module.lessons.append(lesson)
        return lesson

    def stored_course(self, course_id: UUID) -> Course:
        with self._uow_factory() as uow:
            course = uow.courses.get(course_id)
        assert course is not None
        return course

    def auth(self, user: User) -> dict[str, str]:
        return bearer(self._app, user)
