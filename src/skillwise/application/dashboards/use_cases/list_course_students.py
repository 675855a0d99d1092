"""ListCourseStudents: one course's students with their progress."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.dashboards.ports import CourseStudent, DashboardQueries
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import CourseNotFound
from skillwise.domain.identity import Actor


class ListCourseStudents:
    """The students of one course, with their progress; for its instructor and admins only."""

    def __init__(self, uow: UnitOfWork, queries: DashboardQueries) -> None:
        self._uow = uow
        self._queries = queries

    def __call__(self, actor: Actor, course_id: UUID, request: PageRequest) -> Page[CourseStudent]:
        with self._uow as uow:
            course = uow.courses.get(course_id)
        if course is None or not actor.owns_or_administers(course.instructor_id):
            raise CourseNotFound("No such course among yours.")
        return self._queries.course_students(course_id, request)
