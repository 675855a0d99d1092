"""DeleteLesson: remove a lesson and its files."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import FileStorage
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.outline import close_gap
from skillwise.domain.errors import LessonNotFound
from skillwise.domain.identity import Actor


class DeleteLesson:
    """For the owner or an admin; the lessons after it move up to close the gap. Files are
    removed only once the deletion is committed."""

    def __init__(self, uow: UnitOfWork, storage: FileStorage) -> None:
        self._uow = uow
        self._storage = storage

    def __call__(self, actor: Actor, lesson_id: UUID) -> None:
        with self._uow as uow:
            lesson = uow.lessons.get(lesson_id)
            if lesson is None:
                raise LessonNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(lesson.course_id), LessonNotFound()
            )
            files = [a.storage_key for a in uow.attachments.list_for_lessons([lesson.id])]
            uow.lessons.delete(lesson.id)
            uow.lessons.save_positions(close_gap(uow.lessons.list_for_module(lesson.module_id)))
            uow.after_commit(CourseChanged(lesson.course_id))
            uow.commit()
        for key in files:
            self._storage.delete(key)
