"""A course: what it teaches, for how much, and where it is in its life (draft to archived)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.catalog.pricing import ensure_price_is_valid
from skillwise.domain.errors import DomainValidationError
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
