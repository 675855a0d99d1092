"""The uploads table <-> Upload."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.uploads import uploads
from skillwise.application.catalog.uploads import UploadRepository
from skillwise.domain.uploads import Upload, UploadKind, UploadStatus


def upload_from_row(row: Any) -> Upload:
    return Upload(
        id=row.id,
        lesson_id=row.lesson_id,
        course_id=row.course_id,
        uploader_id=row.uploader_id,
        kind=UploadKind(row.kind),
        filename=row.filename,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        storage_key=row.storage_key,
        status=UploadStatus(row.status),
        created_at=row.created_at,
        expires_at=row.expires_at,
        completed_at=row.completed_at,
        refusal=row.refusal,
        attachment_id=row.attachment_id,
    )


class SqlUploadRepository(SqlRepository, implements=UploadRepository):
    def add(self, upload: Upload) -> None:
        self._session.execute(
            insert(uploads).values(
                id=upload.id,
                lesson_id=upload.lesson_id,
                course_id=upload.course_id,
                uploader_id=upload.uploader_id,
                kind=upload.kind.value,
                filename=upload.filename,
                content_type=upload.content_type,
                size_bytes=upload.size_bytes,
                storage_key=upload.storage_key,
                status=upload.status.value,
                created_at=upload.created_at,
                expires_at=upload.expires_at,
            )
        )

    def get(self, upload_id: UUID) -> Upload | None:
        row = self._session.execute(select(uploads).where(uploads.c.id == upload_id)).first()
        return upload_from_row(row) if row else None

    def get_for_update(self, upload_id: UUID) -> Upload | None:
        query = select(uploads).where(uploads.c.id == upload_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return upload_from_row(row) if row else None

    def save(self, upload: Upload) -> None:
        self._session.execute(
            update(uploads)
            .where(uploads.c.id == upload.id)
            .values(
                status=upload.status.value,
                completed_at=upload.completed_at,
                refusal=upload.refusal,
                attachment_id=upload.attachment_id,
            )
        )

    def current_video(self, lesson_id: UUID) -> Upload | None:
        row = self._session.execute(
            select(uploads)
            .where(
                uploads.c.lesson_id == lesson_id,
                uploads.c.kind == UploadKind.VIDEO.value,
                uploads.c.status == UploadStatus.COMPLETED.value,
            )
            .order_by(uploads.c.completed_at.desc(), uploads.c.id.desc())
            .limit(1)
        ).first()
        return upload_from_row(row) if row else None
