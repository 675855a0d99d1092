"""Courses and their outline: course > module > lesson, with lesson attachments."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeVar
from uuid import UUID, uuid4

from skillwise.domain.errors import Conflict, DomainValidationError
from skillwise.domain.identity import Actor
from skillwise.domain.money import Money


class CourseStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class CourseLevel(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL_LEVELS = "all_levels"


@dataclass(eq=False)
class Lesson:
    module_id: UUID
    course_id: UUID
    title: str
    position: int
    created_at: datetime
    updated_at: datetime
    content: str = ""
    video_url: str | None = None
    duration_seconds: int = 0
    is_preview: bool = False
    id: UUID = field(default_factory=uuid4)


@dataclass(eq=False)
class Module:
    course_id: UUID
    title: str
    position: int
    lessons: list[Lesson] = field(default_factory=list)
    id: UUID = field(default_factory=uuid4)


@dataclass(eq=False)
class Course:
    instructor_id: UUID
    title: str
    slug: str
    category: str
    level: CourseLevel
    language: str
    price: Money
    created_at: datetime
    updated_at: datetime
    subtitle: str = ""
    description: str = ""
    thumbnail_url: str | None = None
    status: CourseStatus = CourseStatus.DRAFT
    published_at: datetime | None = None
    rating_count: int = 0
    rating_sum: int = 0
    enrollment_count: int = 0
    id: UUID = field(default_factory=uuid4)

    @property
    def is_free(self) -> bool:
        return self.price.is_zero

    @property
    def is_published(self) -> bool:
        return self.status is CourseStatus.PUBLISHED

    @property
    def rating_avg(self) -> float | None:
        """Mean rating to two decimals; None until the first review."""
        if self.rating_count == 0:
            return None
        return round(self.rating_sum / self.rating_count, 2)

    @property
    def has_students(self) -> bool:
        return self.enrollment_count > 0

    def may_be_edited_by(self, actor: Actor | None) -> bool:
        return actor is not None and actor.owns_or_administers(self.instructor_id)

    def is_visible_to(self, actor: Actor | None, *, enrolled: bool = False) -> bool:
        """Published courses are public; drafts and archived ones belong to their owner and
        admins, and stay open to students who hold an enrollment (what they paid for stays)."""
        return self.is_published or self.may_be_edited_by(actor) or enrolled

    def change_price(self, price: Money) -> None:
        ensure_price_is_valid(price)
        self.price = price

    def move_to_status(self, status: CourseStatus, *, now: datetime, lesson_count: int) -> None:
        """Publish, archive or return to draft; publishing needs at least one lesson."""
        if status is self.status:
            return
        if status is CourseStatus.PUBLISHED:
            if lesson_count < 1:
                raise DomainValidationError(
                    "A course needs at least one lesson before it can be published.",
                    code="course_has_no_lessons",
                )
            self.published_at = now
        elif status is CourseStatus.DRAFT:
            self.published_at = None
        self.status = status
        self.updated_at = now


def clean_title(title: str) -> str:
    """A course, module or lesson title with its whitespace tidied; blank ones are refused."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise DomainValidationError("A title cannot be blank.", code="blank_title")
    return cleaned


# A billion in major units: far above any course, and far below what the database can hold.
MAX_PRICE_MINOR = 100_000_000_000


def ensure_price_is_valid(price: Money) -> None:
    if price.amount_minor < 0:
        raise DomainValidationError(
            "A price cannot be negative; use 0 for a free course.", code="negative_price"
        )
    if price.amount_minor > MAX_PRICE_MINOR:
        raise DomainValidationError(
            f"A price is at most {MAX_PRICE_MINOR} minor units.", code="price_too_high"
        )


# --- slugs ---

SLUG_MAX_LENGTH = 200
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; 'course' when nothing of the text survives."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-") or "course"


class SlugTaken(Conflict):
    """Another course took this slug between choosing it and saving the course."""

    code = "slug_taken"


def first_free_slug(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3` ... whichever is not taken yet."""
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


# --- ordering of modules within a course and lessons within a module ---


class Positioned(Protocol):
    id: UUID
    position: int


P = TypeVar("P", bound=Positioned)


def place_at_position(siblings: Sequence[P], item: P, position: int | None) -> list[P]:
    """Put `item` at a 1-based position among its siblings (at the end when None), renumbering
    them 1..n without gaps. Positions past either end are clamped. `siblings` may or may not
    include `item`. Returns every item whose position changed."""
    ordered = [s for s in sorted(siblings, key=lambda s: s.position) if s.id != item.id]
    index = len(ordered) if position is None else min(max(position, 1), len(ordered) + 1) - 1
    ordered.insert(index, item)
    return _renumber(ordered)


def close_gap(remaining: Sequence[P]) -> list[P]:
    """Renumber what is left after a removal 1..n; returns every item whose position changed."""
    return _renumber(sorted(remaining, key=lambda s: s.position))


def _renumber(ordered: list[P]) -> list[P]:
    changed = []
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    return changed


# --- lesson access ---


def lesson_content_is_open_to(
    course: Course, lesson: Lesson, actor: Actor | None, *, enrolled: bool
) -> bool:
    """Enrolled students, the owner and admins read every lesson; anyone reads the preview
    lessons of a published course."""
    if course.may_be_edited_by(actor) or enrolled:
        return True
    return lesson.is_preview and course.is_published


# --- attachments ---

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
