"""AddModule: a new module in a course, at the end or at a chosen position."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.views import ModuleOutline
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import clean_title
from skillwise.domain.catalog.outline import Module, place_at_position
from skillwise.domain.identity import Actor


class AddModule:
    """Adds a module for the owner or an admin; the modules after it move down one place."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(
        self, actor: Actor, course_id: UUID, title: str, position: int | None = None
    ) -> ModuleOutline:
        with self._uow as uow:
            course = CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(course_id)
            )
            module = Module(course_id=course.id, title=clean_title(title), position=0)
            moved = place_at_position(uow.modules.list_for_course(course.id), module, position)
            uow.modules.add(module)
            uow.modules.save_positions([m for m in moved if m is not module])
            uow.after_commit(CourseChanged(course_id))
            uow.commit()
        return ModuleOutline.of(module, [])
