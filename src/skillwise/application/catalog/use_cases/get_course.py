"""GetCourse: one course with its outline, for whoever may see it."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import CourseQueries
from skillwise.application.catalog.views import CourseDetail
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import CourseNotFound
from skillwise.domain.identity import Actor


class GetCourse:
    """Published courses are open to all; drafts and archived ones answer NotFound except to
    their owner, admins and students enrolled in them."""

    def __init__(self, uow: UnitOfWork, queries: CourseQueries) -> None:
        self._uow = uow
        self._queries = queries

    def __call__(self, actor: Actor | None, course_id: UUID) -> CourseDetail:
        detail = self._queries.course_detail(course_id)
        if detail is None:
            raise CourseNotFound()
        if not detail.course.is_visible_to(actor):
            with self._uow as uow:
                CatalogAccess(uow, actor).visible_course(detail.course)
        return detail
