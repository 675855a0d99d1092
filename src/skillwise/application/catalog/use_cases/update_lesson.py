"""UpdateLesson: edit a lesson or move it to another position in its module."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.views import LessonView
from skillwise.application.notifications.new_lesson import tell_students_of_new_lesson
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import clean_title
from skillwise.domain.catalog.outline import place_at_position
from skillwise.domain.errors import LessonNotFound
from skillwise.domain.identity import Actor

EDITABLE_LESSON_FIELDS = frozenset(
    {
        "title",
        "content",
        "video_url",
        "duration_seconds",
        "is_preview",
        "position",
        "notify_students",
    }
)


class UpdateLesson:
    """Applies the given changes (keys of EDITABLE_LESSON_FIELDS) for the owner or an admin;
    a new position renumbers the module's lessons 1..n, and `notify_students` tells the
    course's students of the lesson (once per lesson; asking again changes nothing)."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor, lesson_id: UUID, changes: Mapping[str, Any]) -> LessonView:
        with self._uow as uow:
            lesson = uow.lessons.get(lesson_id)
            if lesson is None:
                raise LessonNotFound()
            course = CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(lesson.course_id), LessonNotFound()
            )
            if "title" in changes:
                lesson.title = clean_title(changes["title"])
            for name in ("content", "video_url", "duration_seconds", "is_preview"):
                if name in changes:
                    setattr(lesson, name, changes[name])
            if changes.get("position") is not None:
                siblings = uow.lessons.list_for_module(lesson.module_id)
                moved = place_at_position(siblings, lesson, changes["position"])
                uow.lessons.save_positions([other for other in moved if other is not lesson])
            lesson.updated_at = self._clock.now()
            if changes.get("notify_students"):
                tell_students_of_new_lesson(uow, course, lesson, lesson.updated_at)
            uow.lessons.save(lesson)
            attachments = uow.attachments.list_for_lessons([lesson.id])
            uow.after_commit(CourseChanged(lesson.course_id))
            uow.commit()
        return LessonView(lesson=lesson, content_open=True, attachments=tuple(attachments))
