"""In-memory direct uploads: the upload rows, and an object store that signs nothing."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.uploads import PresignedUpload, StoredObject, UploadRepository
from skillwise.domain.uploads import Upload, UploadKind, UploadStatus
from tests.fakes.base import FakeRepository


class FakeUploadRepository(FakeRepository, implements=UploadRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Upload] = {}

    def add(self, upload: Upload) -> None:
        self.rows[upload.id] = upload

    def get(self, upload_id: UUID) -> Upload | None:
        return self.rows.get(upload_id)

    def get_for_update(self, upload_id: UUID) -> Upload | None:
        return self.rows.get(upload_id)

    def save(self, upload: Upload) -> None:
        self.rows[upload.id] = upload

    def current_video(self, lesson_id: UUID) -> Upload | None:
        videos = [
            u
            for u in self.rows.values()
            if u.lesson_id == lesson_id
            and u.kind is UploadKind.VIDEO
            and u.status is UploadStatus.COMPLETED
        ]
        return max(videos, key=lambda u: u.completed_at, default=None)


class FakeObjectStore:
    """What a client "uploads" is put in `objects` by the test, with the type it sent."""

    def __init__(self) -> None:
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.signed: list[tuple[str, str, int]] = []

    def presigned_upload(
        self, key: str, *, content_type: str, size: int, expires_in: int
    ) -> PresignedUpload:
        self.signed.append((key, content_type, size))
        return PresignedUpload(url="https://store.test/bucket", fields={"key": key})

    def head(self, key: str) -> StoredObject | None:
        if key not in self.objects:
            return None
        contents, content_type = self.objects[key]
        return StoredObject(size=len(contents), content_type=content_type)

    def read_prefix(self, key: str, n: int) -> bytes | None:
        return self.objects[key][0][:n] if key in self.objects else None

    def presigned_download(self, key: str, *, expires_in: int, filename: str) -> str:
        return f"https://store.test/bucket/{key}?expires_in={expires_in}"

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)
