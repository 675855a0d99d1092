"""DownloadAttachment: a lesson's file, for whoever may read the lesson."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import FileStorage
from skillwise.application.catalog.views import AttachmentDownload
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import AttachmentNotFound, NotFound
from skillwise.domain.identity import Actor


class DownloadAttachment:
    """The same rule as ReadLesson decides; the file is found by its stored key only."""

    def __init__(self, uow: UnitOfWork, storage: FileStorage) -> None:
        self._uow = uow
        self._storage = storage

    def __call__(self, actor: Actor | None, attachment_id: UUID) -> AttachmentDownload:
        with self._uow as uow:
            attachment = uow.attachments.get(attachment_id)
            lesson = uow.lessons.get(attachment.lesson_id) if attachment else None
            if attachment is None or lesson is None:
                raise AttachmentNotFound()
            access = CatalogAccess(uow, actor)
            course = access.visible_course(uow.courses.get(lesson.course_id), AttachmentNotFound())
            access.ensure_may_read(course, lesson)
        stream = self._storage.open(attachment.storage_key)
        if stream is None:
            raise NotFound(
                "The file of this attachment is missing.", code="attachment_file_missing"
            )
        return AttachmentDownload(attachment=attachment, stream=stream)
