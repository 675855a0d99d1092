"""UploadAttachment: store a file for a lesson, checked for size, type and true contents."""

from __future__ import annotations

from itertools import chain
from uuid import UUID, uuid4

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import FileStorage, IncomingFile
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.attachments import (
    SNIFF_BYTES,
    Attachment,
    accepted_attachment_type,
    clean_filename,
)
from skillwise.domain.errors import LessonNotFound
from skillwise.domain.identity import Actor

CHUNK_BYTES = 64 * 1024


class UploadAttachment:
    """For the owner or an admin. The declared type must be on the allowlist and agree with
    the file's first bytes; the size is counted while storing, not taken from the client. The
    file is kept under a generated key, the client's filename only labels the download."""

    def __init__(
        self,
        uow: UnitOfWork,
        storage: FileStorage,
        clock: Clock,
        max_bytes: int,
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._clock = clock
        self._max_bytes = max_bytes

    def __call__(self, actor: Actor, lesson_id: UUID, upload: IncomingFile) -> Attachment:
        with self._uow as uow:
            lesson = uow.lessons.get(lesson_id)
            if lesson is None:
                raise LessonNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(lesson.course_id), LessonNotFound()
            )
            head = upload.stream.read(SNIFF_BYTES)
            content_type = accepted_attachment_type(upload.declared_type, head)
            key = uuid4().hex
            rest = iter(lambda: upload.stream.read(CHUNK_BYTES), b"")
            size = self._storage.save(key, chain([head], rest), max_bytes=self._max_bytes)
            attachment = Attachment(
                lesson_id=lesson.id,
                course_id=lesson.course_id,
                filename=clean_filename(upload.filename),
                content_type=content_type,
                size_bytes=size,
                storage_key=key,
                created_at=self._clock.now(),
            )
            try:
                uow.attachments.add(attachment)
                uow.after_commit(CourseChanged(lesson.course_id))
                uow.commit()
            except BaseException:
                self._storage.delete(key)
                raise
        return attachment
