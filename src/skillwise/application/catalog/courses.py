"""Persistence of courses (the catalog adds outline and search queries)."""

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from skillwise.domain.catalog.course import Course


class CourseRepository(Protocol):
    def add(self, course: Course) -> None:
        """Insert; raises SlugTaken when another course holds the same slug."""
        ...

    def get(self, course_id: UUID) -> Course | None: ...

    def get_for_update(self, course_id: UUID) -> Course | None:
        """Load and lock the course so concurrent counter and rating updates serialise."""
        ...

    def save(self, course: Course) -> None: ...

    def add_many(self, courses: Sequence[Course]) -> None:
        """Insert several courses in one statement (bulk loads such as demo data)."""
        ...

    def slugs_starting_with(self, base: str) -> set[str]:
        """The slugs in use that are `base` itself or `base-<something>`."""
        ...

    def delete(self, course_id: UUID) -> bool:
        """Delete the course and its outline unless other records (enrollments, payments)
        still refer to it; returns whether it was deleted."""
        ...
