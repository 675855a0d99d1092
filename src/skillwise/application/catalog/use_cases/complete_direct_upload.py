"""CompleteDirectUpload: check what the client sent to the store, then attach it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.uploads import (
    CompletedUpload,
    DirectUploadStorage,
    direct_uploads,
)
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.errors import DomainError, DomainValidationError
from skillwise.domain.identity import Actor
from skillwise.domain.uploads import Upload, UploadKind, UploadNotFound, ensure_contents_match

log = logging.getLogger(__name__)

# Enough for every signature we check, and for the UTF-8 check of text files to mean something.
SNIFF_PREFIX_BYTES = 4096


class CompleteDirectUpload:
    """For the owner or an admin. The store's own record of the object must show the declared
    size and type, and its first bytes must be what that type says; otherwise the upload is
    refused, the object deleted, and the reason answered. The store is asked outside any
    transaction; the upload row is then locked so two completions cannot both attach it."""

    def __init__(
        self,
        uow: UnitOfWork,
        storage: DirectUploadStorage | None,
        clock: Clock,
        video_url: Callable[[UUID], str],
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._clock = clock
        self._video_url = video_url

    def __call__(self, actor: Actor, upload_id: UUID) -> CompletedUpload:
        storage = direct_uploads(self._storage)
        with self._uow as uow:
            upload = uow.uploads.get(upload_id)
            if upload is None:
                raise UploadNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get(upload.course_id), UploadNotFound()
            )
            upload.ensure_pending()
        refusal = self._refusal(storage, upload)
        attachment, video_url, replaced = None, None, None
        with self._uow as uow:
            upload = uow.uploads.get_for_update(upload_id)
            if upload is None:
                raise UploadNotFound()
            now = self._clock.now()
            if refusal is not None:
                upload.refuse(now, refusal.code)
                uow.uploads.save(upload)
                uow.commit()
            else:
                attachment, video_url, replaced = self._attach(uow, upload)
                uow.uploads.save(upload)
                uow.after_commit(CourseChanged(upload.course_id))
                uow.commit()
        if refusal is not None:
            _delete_quietly(storage, upload.storage_key)
            raise refusal
        if replaced is not None:
            _delete_quietly(storage, replaced.storage_key)
        return CompletedUpload(upload=upload, attachment=attachment, video_url=video_url)

    @staticmethod
    def _refusal(storage: DirectUploadStorage, upload: Upload) -> DomainError | None:
        stored = storage.head(upload.storage_key)
        if stored is None:
            # Not refused: the client may still be sending it, and may complete again after.
            raise DomainValidationError(
                "Nothing has arrived in storage for this upload yet.", code="upload_missing"
            )
        if stored.size != upload.size_bytes:
            return DomainValidationError(
                f"{stored.size} bytes arrived, {upload.size_bytes} were declared.",
                code="upload_size_mismatch",
            )
        if (stored.content_type or "").split(";")[0].strip().lower() != upload.content_type:
            return DomainValidationError(
                f"The file was stored as {stored.content_type or 'an unknown type'}, "
                f"{upload.content_type} was declared.",
                code="upload_type_mismatch",
            )
        head = storage.read_prefix(upload.storage_key, SNIFF_PREFIX_BYTES) or b""
        try:
            ensure_contents_match(upload.kind, upload.content_type, head)
        except DomainValidationError as mismatch:
            return mismatch
        return None

    def _attach(
        self, uow: UnitOfWork, upload: Upload
    ) -> tuple[Attachment | None, str | None, Upload | None]:
        now = self._clock.now()
        if upload.kind is UploadKind.ATTACHMENT:
            attachment = Attachment(
                lesson_id=upload.lesson_id,
                course_id=upload.course_id,
                filename=upload.filename,
                content_type=upload.content_type,
                size_bytes=upload.size_bytes,
                storage_key=upload.storage_key,
                created_at=now,
            )
            uow.attachments.add(attachment)
            upload.complete(now, attachment_id=attachment.id)
            return attachment, None, None
        lesson = uow.lessons.get(upload.lesson_id)
        if lesson is None:
            raise UploadNotFound()
        replaced = uow.uploads.current_video(lesson.id)
        lesson.video_url = self._video_url(lesson.id)
        lesson.updated_at = now
        uow.lessons.save(lesson)
        upload.complete(now)
        return None, lesson.video_url, replaced


def _delete_quietly(storage: DirectUploadStorage, key: str) -> None:
    """The row already says what became of the upload; an object left behind only costs space."""
    try:
        storage.delete(key)
    except Exception:
        log.exception("could not delete stored object %s", key)
