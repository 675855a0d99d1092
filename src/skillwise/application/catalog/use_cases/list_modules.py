"""ListModules: a course's modules with their lesson outlines."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.ports import CourseQueries
from skillwise.application.catalog.use_cases.get_course import GetCourse
from skillwise.application.catalog.views import ModuleOutline
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class ListModules:
    """The outline of a course by position, for whoever may see the course; never content."""

    def __init__(self, uow: UnitOfWork, queries: CourseQueries) -> None:
        self._get_course = GetCourse(uow, queries)

    def __call__(
        self, actor: Actor | None, course_id: UUID, page: PageRequest
    ) -> Page[ModuleOutline]:
        modules = self._get_course(actor, course_id).modules
        window = modules[page.offset : page.offset + page.page_size]
        return Page(items=window, total=len(modules), request=page)
