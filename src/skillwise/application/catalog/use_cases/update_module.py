"""UpdateModule: rename a module or move it to another position."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.views import ModuleOutline
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import clean_title
from skillwise.domain.catalog.outline import place_at_position
from skillwise.domain.errors import ModuleNotFound
from skillwise.domain.identity import Actor


class UpdateModule:
    """For the owner or an admin; moving renumbers the course's modules 1..n."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(
        self,
        actor: Actor,
        module_id: UUID,
        *,
        title: str | None = None,
        position: int | None = None,
    ) -> ModuleOutline:
        with self._uow as uow:
            module = uow.modules.get(module_id)
            if module is None:
                raise ModuleNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(module.course_id), ModuleNotFound()
            )
            if title is not None:
                module.title = clean_title(title)
            if position is not None:
                siblings = uow.modules.list_for_course(module.course_id)
                moved = place_at_position(siblings, module, position)
                uow.modules.save_positions([m for m in moved if m is not module])
            uow.modules.save(module)
            lessons = uow.lessons.list_for_module(module.id)
            uow.after_commit(CourseChanged(module.course_id))
            uow.commit()
        return ModuleOutline.of(module, lessons)
