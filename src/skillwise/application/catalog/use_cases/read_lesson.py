"""ReadLesson: a lesson's full content, for those it is open to."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.views import LessonView
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import LessonNotFound
from skillwise.domain.identity import Actor


class ReadLesson:
    """Content, video and attachments go to enrolled students, the owner and admins, and to
    anyone for the preview lessons of a published course. Otherwise guests are asked to sign
    in (AuthenticationRequired) and signed-in callers are refused (PermissionDenied); a lesson
    of a course the caller may not see does not exist for them (NotFound)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor | None, lesson_id: UUID) -> LessonView:
        with self._uow as uow:
            lesson = uow.lessons.get(lesson_id)
            if lesson is None:
                raise LessonNotFound()
            access = CatalogAccess(uow, actor)
            course = access.visible_course(uow.courses.get(lesson.course_id), LessonNotFound())
            access.ensure_may_read(course, lesson)
            attachments = uow.attachments.list_for_lessons([lesson.id])
        return LessonView(lesson=lesson, content_open=True, attachments=tuple(attachments))
