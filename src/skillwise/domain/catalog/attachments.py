"""Files attached to lessons: which types are accepted, and the name a download shows."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.domain.errors import DomainValidationError

ATTACHMENT_CONTENT_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "text/plain",
        "text/markdown",
    }
)
TEXT_CONTENT_TYPES = frozenset({"text/plain", "text/markdown"})
SNIFF_BYTES = 512

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"PK\x07\x08", "application/zip"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


class AttachmentTooLarge(DomainValidationError):
    """The file is larger than the attachment size limit."""

    code = "attachment_too_large"


@dataclass(eq=False)
class Attachment:
    lesson_id: UUID
    course_id: UUID
    filename: str
    content_type: str
    size_bytes: int
    storage_key: str
    created_at: datetime
    id: UUID = field(default_factory=uuid4)


def sniff_content_type(head: bytes) -> str | None:
    """The type the first bytes of a file show; 'text/plain' for UTF-8 text, None otherwise."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if b"\x00" in head:
        return None
    try:
        # Not final: the sample may end in the middle of a multi-byte character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    return "text/plain"


def accepted_attachment_type(declared: str | None, head: bytes) -> str:
    """The content type to store for an upload, checked against the allowlist and against
    what its first bytes really are; raises when either check fails."""
    content_type = (declared or "").split(";")[0].strip().lower()
    if content_type not in ATTACHMENT_CONTENT_TYPES:
        raise DomainValidationError(
            f"Files of type {content_type or 'unknown'!r} are not accepted; send one of "
            f"{', '.join(sorted(ATTACHMENT_CONTENT_TYPES))}.",
            code="attachment_type_not_allowed",
        )
    if not head:
        raise DomainValidationError("The file is empty.", code="attachment_empty")
    sniffed = sniff_content_type(head)
    matches = sniffed == content_type or (
        sniffed == "text/plain" and content_type in TEXT_CONTENT_TYPES
    )
    if not matches:
        raise DomainValidationError(
            f"The file's contents are not {content_type}, as it claims.",
            code="attachment_content_mismatch",
        )
    return content_type


_UNSAFE_IN_FILENAME = re.compile(r"[\x00-\x1f\x7f\"]")


def clean_filename(name: str | None) -> str:
    """A display name for downloads: no directories, no control characters, at most 255."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE_IN_FILENAME.sub("", base).strip().lstrip(".")
    if len(base) > 255:
        stem, dot, extension = base.rpartition(".")
        keep_extension = dot and len(extension) <= 16
        base = stem[: 254 - len(extension)] + dot + extension if keep_extension else base[:255]
    return base or "attachment"
