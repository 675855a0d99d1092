"""Persistence of courses (the catalog adds outline and search queries)."""

from typing import Protocol
from uuid import UUID

from skillwise.domain.catalog import Course


class CourseRepository(Protocol):
    def add(self, course: Course) -> None: ...

    def get(self, course_id: UUID) -> Course | None: ...

    def get_for_update(self, course_id: UUID) -> Course | None:
        """Load and lock the course so concurrent counter and rating updates serialise."""
        ...

    def save(self, course: Course) -> None: ...
