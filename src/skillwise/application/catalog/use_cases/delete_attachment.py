"""DeleteAttachment: remove a lesson's file."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.ports import FileStorage
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import AttachmentNotFound
from skillwise.domain.identity import Actor


class DeleteAttachment:
    """For the owner or an admin; the file goes once the record's deletion is committed."""

    def __init__(self, uow: UnitOfWork, storage: FileStorage) -> None:
        self._uow = uow
        self._storage = storage

    def __call__(self, actor: Actor, attachment_id: UUID) -> None:
        with self._uow as uow:
            attachment = uow.attachments.get(attachment_id)
            if attachment is None:
                raise AttachmentNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(attachment.course_id), AttachmentNotFound()
            )
            uow.attachments.delete(attachment.id)
            uow.after_commit(CourseChanged(attachment.course_id))
            uow.commit()
        self._storage.delete(attachment.storage_key)
