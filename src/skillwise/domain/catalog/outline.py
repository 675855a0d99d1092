"""A course's outline: modules of lessons, their order, and who may read a lesson."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar
from uuid import UUID, uuid4

from skillwise.domain.catalog.course import Course
from skillwise.domain.identity import Actor


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
    # When the instructor told the course's students of this lesson; they are told once.
    students_notified_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)


@dataclass(eq=False)
class Module:
    course_id: UUID
    title: str
    position: int
    lessons: list[Lesson] = field(default_factory=list)
    id: UUID = field(default_factory=uuid4)


class Positioned(Protocol):
    """A module within its course or a lesson within its module: 1-based, without gaps."""

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


def lesson_content_is_open_to(
    course: Course, lesson: Lesson, actor: Actor | None, *, enrolled: bool
) -> bool:
    """Enrolled students, the owner and admins read every lesson; anyone reads the preview
    lessons of a published course."""
    if course.may_be_edited_by(actor) or enrolled:
        return True
    return lesson.is_preview and course.is_published
