"""ListCourses: the published catalog, searched, filtered, ordered and paginated."""

from __future__ import annotations

from skillwise.application.catalog.ports import CourseFilters, CourseOrdering, CourseQueries
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.errors import DomainValidationError


class ListCourses:
    """Published courses only, whoever asks (drafts are listed to their owner elsewhere)."""

    def __init__(self, queries: CourseQueries) -> None:
        self._queries = queries

    def __call__(
        self, filters: CourseFilters, ordering: CourseOrdering | None, page: PageRequest
    ) -> Page[CourseSummary]:
        low, high = filters.min_price, filters.max_price
        if low is not None and high is not None and low > high:
            raise DomainValidationError(
                "min_price cannot be above max_price.", code="invalid_price_range"
            )
        return self._queries.published_courses(filters, ordering, page)
