"""StartDirectUpload: sign a form that sends one lesson file straight to object storage."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID, uuid4

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.uploads import DirectUploadStorage, UploadForm, direct_uploads
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.attachments import clean_filename
from skillwise.domain.errors import LessonNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.uploads import Upload, UploadKind, declared_upload_type, ensure_declared_size

# Long enough to start sending a large video over a slow phone connection; the store checks
# the expiry when the upload begins, not when it ends.
UPLOAD_FORM_SECONDS = 3600


class StartDirectUpload:
    """For the owner or an admin. The declared size and type are checked against the rules
    for the kind of file, and the signed form lets the store accept exactly that size and
    type; CompleteDirectUpload then checks what really arrived."""

    def __init__(
        self,
        uow: UnitOfWork,
        storage: DirectUploadStorage | None,
        clock: Clock,
        max_attachment_bytes: int,
        max_video_bytes: int,
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._clock = clock
        self._max_bytes = {
            UploadKind.ATTACHMENT: max_attachment_bytes,
            UploadKind.VIDEO: max_video_bytes,
        }

    def __call__(
        self,
        actor: Actor,
        lesson_id: UUID,
        *,
        kind: UploadKind,
        filename: str,
        content_type: str,
        size: int,
    ) -> UploadForm:
        storage = direct_uploads(self._storage)
        content_type = declared_upload_type(kind, content_type)
        ensure_declared_size(kind, size, self._max_bytes[kind])
        now = self._clock.now()
        with self._uow as uow:
            lesson = uow.lessons.get(lesson_id)
            if lesson is None:
                raise LessonNotFound()
            CatalogAccess(uow, actor).editable_course(
                uow.courses.get(lesson.course_id), LessonNotFound()
            )
            upload = Upload(
                lesson_id=lesson.id,
                course_id=lesson.course_id,
                uploader_id=actor.user_id,
                kind=kind,
                filename=clean_filename(filename),
                content_type=content_type,
                size_bytes=size,
                storage_key=uuid4().hex,
                created_at=now,
                expires_at=now + timedelta(seconds=UPLOAD_FORM_SECONDS),
            )
            uow.uploads.add(upload)
            uow.commit()
        form = storage.presigned_upload(
            upload.storage_key,
            content_type=content_type,
            size=size,
            expires_in=UPLOAD_FORM_SECONDS,
        )
        return UploadForm(upload=upload, url=form.url, fields=form.fields)
