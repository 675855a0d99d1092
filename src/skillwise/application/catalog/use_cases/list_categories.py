"""ListCategories: the catalog's categories with how many published courses each holds."""

from __future__ import annotations

from skillwise.application.catalog.categories import Category, CategoryQueries


class ListCategories:
    """Alphabetical by slug; a category whose last course leaves the catalog disappears."""

    def __init__(self, queries: CategoryQueries) -> None:
        self._queries = queries

    def __call__(self) -> list[Category]:
        return self._queries.published_categories()
