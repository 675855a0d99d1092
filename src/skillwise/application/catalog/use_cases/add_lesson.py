"""AddLesson: a new lesson in a module, at the end or at a chosen position."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.views import LessonView
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import clean_title
from skillwise.domain.catalog.outline import Lesson, place_at_position
from skillwise.domain.errors import ModuleNotFound
from skillwise.domain.identity import Actor


@dataclass(frozen=True, slots=True)
class NewLesson:
    title: str
    content: str = ""
    video_url: str | None = None
    duration_seconds: int = 0
    is_preview: bool = False
    position: int | None = None


class AddLesson:
    """Adds a lesson for the owner or an admin; the lessons after it move down one place."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor, module_id: UUID, new: NewLesson) -> LessonView:
        now = self._clock.now()
        with self._uow as uow:
            module = uow.modules.get(module_id)
            if module is None:
                raise ModuleNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(module.course_id), ModuleNotFound()
            )
            lesson = Lesson(
                module_id=module.id,
                course_id=module.course_id,
                title=clean_title(new.title),
                position=0,
                content=new.content,
                video_url=new.video_url,
                duration_seconds=new.duration_seconds,
                is_preview=new.is_preview,
                created_at=now,
                updated_at=now,
            )
            moved = place_at_position(uow.lessons.list_for_module(module.id), lesson, new.position)
            uow.lessons.add(lesson)
            uow.lessons.save_positions([other for other in moved if other is not lesson])
            uow.after_commit(CourseChanged(module.course_id))
            uow.commit()
        return LessonView(lesson=lesson, content_open=True)
