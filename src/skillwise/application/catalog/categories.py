"""Categories of the published catalog, derived from the courses' own `category` values.

A category is not a thing of its own: its slug is the value courses carry (lower-case words
joined by hyphens), and its name is that slug written for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


def category_name(slug: str) -> str:
    """'data-science' -> 'Data Science'."""
    return " ".join(word.capitalize() for word in slug.split("-"))


@dataclass(frozen=True, slots=True)
class Category:
    slug: str
    course_count: int

    @property
    def name(self) -> str:
        return category_name(self.slug)


class CategoryQueries(Protocol):
    def published_categories(self) -> list[Category]:
        """Every category with at least one published course, by slug, in one statement."""
        ...
