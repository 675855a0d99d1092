"""Direct uploads: a file the client sends to object storage itself, checked once it is there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.catalog.attachments import (
    ATTACHMENT_CONTENT_TYPES,
    AttachmentTooLarge,
    accepted_attachment_type,
)
from skillwise.domain.errors import Conflict, DomainValidationError, NotFound

VIDEO_CONTENT_TYPES = frozenset({"video/mp4", "video/webm", "video/quicktime"})
# QuickTime files written before the ISO base format start with one of these atoms.
_LEGACY_QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip"})
_WEBM_EBML = b"\x1a\x45\xdf\xa3"


class UploadKind(StrEnum):
    VIDEO = "video"
    ATTACHMENT = "attachment"


class UploadStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    REFUSED = "refused"


@dataclass(eq=False)
class Upload:
    lesson_id: UUID
    course_id: UUID
    uploader_id: UUID
    kind: UploadKind
    filename: str
    content_type: str
    size_bytes: int
    storage_key: str
    created_at: datetime
    expires_at: datetime
    status: UploadStatus = UploadStatus.PENDING
    completed_at: datetime | None = None
    refusal: str | None = None
    attachment_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)

    def ensure_pending(self) -> None:
        if self.status is not UploadStatus.PENDING:
            raise Conflict(
                f"This upload is {self.status.value} already.", code="upload_not_pending"
            )

    def complete(self, now: datetime, attachment_id: UUID | None = None) -> None:
        self.ensure_pending()
        self.status = UploadStatus.COMPLETED
        self.completed_at = now
        self.attachment_id = attachment_id

    def refuse(self, now: datetime, reason: str) -> None:
        self.ensure_pending()
        self.status = UploadStatus.REFUSED
        self.completed_at = now
        self.refusal = reason


def declared_upload_type(kind: UploadKind, declared: str) -> str:
    """The normalised content type a client may announce for this kind of upload."""
    content_type = declared.split(";")[0].strip().lower()
    allowed = VIDEO_CONTENT_TYPES if kind is UploadKind.VIDEO else ATTACHMENT_CONTENT_TYPES
    if content_type not in allowed:
        message = (
            f"A {kind.value} of type {content_type or 'unknown'!r} is not accepted; send one of "
            f"{', '.join(sorted(allowed))}."
        )
        if kind is UploadKind.VIDEO:
            raise DomainValidationError(message, code="video_type_not_allowed")
        raise DomainValidationError(message, code="attachment_type_not_allowed")
    return content_type


def ensure_declared_size(kind: UploadKind, size: int, max_bytes: int) -> None:
    if size <= 0:
        raise DomainValidationError("The file is empty.", code=f"{kind.value}_empty")
    if size > max_bytes:
        megabytes = max_bytes / (1024 * 1024)
        limit = f"{megabytes:g} MB" if megabytes >= 1 else f"{max_bytes} bytes"
        if kind is UploadKind.ATTACHMENT:
            raise AttachmentTooLarge(f"Attachments can be at most {limit}.")
        raise DomainValidationError(f"Videos can be at most {limit}.", code="video_too_large")


def sniff_video_type(head: bytes) -> str | None:
    """The video type the first bytes show, or None when they are no video we accept."""
    if head.startswith(_WEBM_EBML):
        return "video/webm"
    box = head[4:8]
    if box == b"ftyp":
        return "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    if box in _LEGACY_QUICKTIME_ATOMS:
        return "video/quicktime"
    return None


def ensure_contents_match(kind: UploadKind, content_type: str, head: bytes) -> None:
    """The attachment rules for attachments; for videos, the container the bytes show.

    An MP4 declared as QuickTime (or the reverse) passes: players read both, and phones label
    the same file either way.
    """
    if kind is UploadKind.ATTACHMENT:
        accepted_attachment_type(content_type, head)
        return
    sniffed = sniff_video_type(head)
    iso_family = {"video/mp4", "video/quicktime"}
    if sniffed == content_type or (sniffed in iso_family and content_type in iso_family):
        return
    raise DomainValidationError(
        f"The file's contents are not {content_type}, as it claims.",
        code="video_content_mismatch",
    )


class UploadNotFound(NotFound):
    """No such upload."""

    code = "upload_not_found"
