"""Modules, lessons and attachments tables <-> catalog entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.catalog import attachments
from skillwise.adapters.db.tables.core import courses, lessons, modules
from skillwise.application.catalog.ports import (
    AttachmentRepository,
    LessonRepository,
    ModuleRepository,
)
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.catalog.outline import Lesson, Module


def module_from_row(row: Any) -> Module:
    return Module(id=row.id, course_id=row.course_id, title=row.title, position=row.position)


def lesson_from_row(row: Any) -> Lesson:
    return Lesson(
        id=row.id,
        module_id=row.module_id,
        course_id=row.course_id,
        title=row.title,
        position=row.position,
        content=row.content,
        video_url=row.video_url,
        duration_seconds=row.duration_seconds,
        is_preview=row.is_preview,
        created_at=row.created_at,
        updated_at=row.updated_at,
        students_notified_at=row.students_notified_at,
    )


def attachment_from_row(row: Any) -> Attachment:
    return Attachment(
        id=row.id,
        lesson_id=row.lesson_id,
        course_id=row.course_id,
        filename=row.filename,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        storage_key=row.storage_key,
        created_at=row.created_at,
    )


def _lesson_values(lesson: Lesson) -> dict[str, Any]:
    return {
        "module_id": lesson.module_id,
        "course_id": lesson.course_id,
        "title": lesson.title,
        "position": lesson.position,
        "content": lesson.content,
        "video_url": lesson.video_url,
        "duration_seconds": lesson.duration_seconds,
        "is_preview": lesson.is_preview,
        "created_at": lesson.created_at,
        "updated_at": lesson.updated_at,
        "students_notified_at": lesson.students_notified_at,
    }


_SET_MODULE_POSITION = (
    update(modules)
    .where(modules.c.id == bindparam("module_id"))
    .values(position=bindparam("new_position"))
)
_SET_LESSON_POSITION = (
    update(lessons)
    .where(lessons.c.id == bindparam("lesson_id"))
    .values(position=bindparam("new_position"))
)


def _recount_lessons(session: Session, course_ids: set[UUID]) -> None:
    """Refresh the lesson totals a course page shows, in the transaction that changed them.

    Recounted rather than adjusted by deltas, so they cannot drift; the outline use cases hold
    the course row lock, so no concurrent change to the same course is missed.
    """
    if not course_ids:
        return
    of_course = lessons.c.course_id == courses.c.id
    session.execute(
        update(courses)
        .where(courses.c.id.in_(course_ids))
        .values(
            lesson_count=select(func.count()).where(of_course).scalar_subquery(),
            total_duration_seconds=select(func.coalesce(func.sum(lessons.c.duration_seconds), 0))
            .where(of_course)
            .scalar_subquery(),
        )
    )


class SqlModuleRepository(SqlRepository, implements=ModuleRepository):
    def add(self, module: Module) -> None:
        self._session.execute(
            insert(modules).values(
                id=module.id,
                course_id=module.course_id,
                title=module.title,
                position=module.position,
            )
        )

    def add_many(self, many: Sequence[Module]) -> None:
        if many:
            self._session.execute(
                insert(modules),
                [
                    {"id": m.id, "course_id": m.course_id, "title": m.title, "position": m.position}
                    for m in many
                ],
            )

    def get(self, module_id: UUID) -> Module | None:
        row = self._session.execute(select(modules).where(modules.c.id == module_id)).first()
        return module_from_row(row) if row else None

    def list_for_course(self, course_id: UUID) -> list[Module]:
        rows = self._session.execute(
            select(modules)
            .where(modules.c.course_id == course_id)
            .order_by(modules.c.position, modules.c.id)
        )
        return [module_from_row(row) for row in rows]

    def save(self, module: Module) -> None:
        self._session.execute(
            update(modules)
            .where(modules.c.id == module.id)
            .values(title=module.title, position=module.position)
        )

    def save_positions(self, changed: Sequence[Module]) -> None:
        if changed:
            self._session.execute(
                _SET_MODULE_POSITION,
                [{"module_id": m.id, "new_position": m.position} for m in changed],
            )

    def delete(self, module_id: UUID) -> None:
        # Lessons and attachments follow through ON DELETE CASCADE.
        gone = self._session.execute(
            delete(modules).where(modules.c.id == module_id).returning(modules.c.course_id)
        ).scalars()
        _recount_lessons(self._session, set(gone))


class SqlLessonRepository(SqlRepository, implements=LessonRepository):
    def add(self, lesson: Lesson) -> None:
        self._session.execute(insert(lessons).values(id=lesson.id, **_lesson_values(lesson)))
        _recount_lessons(self._session, {lesson.course_id})

    def add_many(self, many: Sequence[Lesson]) -> None:
        if many:
            self._session.execute(
                insert(lessons), [{"id": lesson.id, **_lesson_values(lesson)} for lesson in many]
            )
            _recount_lessons(self._session, {lesson.course_id for lesson in many})

    def get(self, lesson_id: UUID) -> Lesson | None:
        row = self._session.execute(select(lessons).where(lessons.c.id == lesson_id)).first()
        return lesson_from_row(row) if row else None

    def list_for_module(self, module_id: UUID) -> list[Lesson]:
        rows = self._session.execute(
            select(lessons)
            .where(lessons.c.module_id == module_id)
            .order_by(lessons.c.position, lessons.c.id)
        )
        return [lesson_from_row(row) for row in rows]

    def count_for_course(self, course_id: UUID) -> int:
        return self._session.execute(
            select(func.count()).select_from(lessons).where(lessons.c.course_id == course_id)
        ).scalar_one()

    def save(self, lesson: Lesson) -> None:
        self._session.execute(
            update(lessons).where(lessons.c.id == lesson.id).values(**_lesson_values(lesson))
        )
        _recount_lessons(self._session, {lesson.course_id})

    def save_positions(self, changed: Sequence[Lesson]) -> None:
        if changed:
            self._session.execute(
                _SET_LESSON_POSITION,
                [{"lesson_id": lesson.id, "new_position": lesson.position} for lesson in changed],
            )

    def delete(self, lesson_id: UUID) -> None:
        gone = self._session.execute(
            delete(lessons).where(lessons.c.id == lesson_id).returning(lessons.c.course_id)
        ).scalars()
        _recount_lessons(self._session, set(gone))


class SqlAttachmentRepository(SqlRepository, implements=AttachmentRepository):
    def add(self, attachment: Attachment) -> None:
        self._session.execute(
            insert(attachments).values(
                id=attachment.id,
                lesson_id=attachment.lesson_id,
                course_id=attachment.course_id,
                filename=attachment.filename,
                content_type=attachment.content_type,
                size_bytes=attachment.size_bytes,
                storage_key=attachment.storage_key,
                created_at=attachment.created_at,
            )
        )

    def get(self, attachment_id: UUID) -> Attachment | None:
        row = self._session.execute(
            select(attachments).where(attachments.c.id == attachment_id)
        ).first()
        return attachment_from_row(row) if row else None

    def list_for_lessons(self, lesson_ids: Sequence[UUID]) -> list[Attachment]:
        if not lesson_ids:
            return []
        rows = self._session.execute(
            select(attachments)
            .where(attachments.c.lesson_id.in_(lesson_ids))
            .order_by(attachments.c.created_at, attachments.c.id)
        )
        return [attachment_from_row(row) for row in rows]

    def list_for_course(self, course_id: UUID) -> list[Attachment]:
        rows = self._session.execute(
            select(attachments).where(attachments.c.course_id == course_id)
        )
        return [attachment_from_row(row) for row in rows]

    def delete(self, attachment_id: UUID) -> None:
        self._session.execute(delete(attachments).where(attachments.c.id == attachment_id))
