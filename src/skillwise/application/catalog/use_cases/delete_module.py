"""DeleteModule: remove a module with its lessons and their files."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import FileStorage
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.outline import close_gap
from skillwise.domain.errors import ModuleNotFound
from skillwise.domain.identity import Actor


class DeleteModule:
    """For the owner or an admin; the modules after it move up to close the gap. Files are
    removed only once the deletion is committed."""

    def __init__(self, uow: UnitOfWork, storage: FileStorage) -> None:
        self._uow = uow
        self._storage = storage

    def __call__(self, actor: Actor, module_id: UUID) -> None:
        with self._uow as uow:
            module = uow.modules.get(module_id)
            if module is None:
                raise ModuleNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(module.course_id), ModuleNotFound()
            )
            lesson_ids = [lesson.id for lesson in uow.lessons.list_for_module(module.id)]
            files = [a.storage_key for a in uow.attachments.list_for_lessons(lesson_ids)]
            uow.modules.delete(module.id)
            uow.modules.save_positions(close_gap(uow.modules.list_for_course(module.course_id)))
            uow.after_commit(CourseChanged(module.course_id))
            uow.commit()
        for key in files:
            self._storage.delete(key)
