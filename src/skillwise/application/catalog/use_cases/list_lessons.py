"""ListLessons: a module's lessons, with content only where the caller may read it."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.views import LessonView
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.errors import ModuleNotFound
from skillwise.domain.identity import Actor


class ListLessons:
    """Everyone who may see the course gets the outline of each lesson; content, video and
    attachments come along for the lessons the caller may read (see ReadLesson)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor | None, module_id: UUID, page: PageRequest) -> Page[LessonView]:
        with self._uow as uow:
            module = uow.modules.get(module_id)
            if module is None:
                raise ModuleNotFound()
            access = CatalogAccess(uow, actor)
            course = access.visible_course(uow.courses.get(module.course_id), ModuleNotFound())
            lessons = uow.lessons.list_for_module(module.id)
            window = lessons[page.offset : page.offset + page.page_size]
            readable = {lesson.id for lesson in window if access.may_read(course, lesson)}
            files: dict[UUID, list[Attachment]] = defaultdict(list)
            for attachment in uow.attachments.list_for_lessons(sorted(readable)):
                files[attachment.lesson_id].append(attachment)
        views = [
            LessonView(
                lesson=lesson,
                content_open=lesson.id in readable,
                attachments=tuple(files[lesson.id]),
            )
            for lesson in window
        ]
        return Page(items=views, total=len(lessons), request=page)
