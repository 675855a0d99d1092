"""DownloadAttachment: a lesson's file, for whoever may read the lesson."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import FileStorage
from skillwise.application.catalog.uploads import DirectUploadStorage
from skillwise.application.catalog.views import AttachmentDownload
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import AttachmentNotFound, NotFound
from skillwise.domain.identity import Actor


class DownloadAttachment:
    """The same rule as ReadLesson decides; the file is found by its stored key only. With
    object storage (`links`) the answer is a link valid for `link_seconds`, not the bytes."""

    def __init__(
        self,
        uow: UnitOfWork,
        storage: FileStorage,
        links: DirectUploadStorage | None = None,
        link_seconds: int = 300,
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._links = links
        self._link_seconds = link_seconds

    def __call__(self, actor: Actor | None, attachment_id: UUID) -> AttachmentDownload:
        with self._uow as uow:
            attachment = uow.attachments.get(attachment_id)
            lesson = uow.lessons.get(attachment.lesson_id) if attachment else None
            if attachment is None or lesson is None:
                raise AttachmentNotFound()
            access = CatalogAccess(uow, actor)
            course = access.visible_course(uow.courses.get(lesson.course_id), AttachmentNotFound())
            access.ensure_may_read(course, lesson)
        if self._links is not None:
            url = self._links.presigned_download(
                attachment.storage_key, expires_in=self._link_seconds, filename=attachment.filename
            )
            return AttachmentDownload(attachment=attachment, url=url)
        stream = self._storage.open(attachment.storage_key)
        if stream is None:
            raise NotFound(
                "The file of this attachment is missing.", code="attachment_file_missing"
            )
        return AttachmentDownload(attachment=attachment, stream=stream)
