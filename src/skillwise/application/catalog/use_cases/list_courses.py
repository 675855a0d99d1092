"""ListCourses: the published catalog, searched, filtered, ordered and paginated."""

from __future__ import annotations

from skillwise.application.catalog.counts import CatalogCounts
from skillwise.application.catalog.page_marks import PageMarks
from skillwise.application.catalog.ports import CourseFilters, CourseOrdering, CourseQueries
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.errors import DomainValidationError


def refuse_an_inverted_price_range(filters: CourseFilters) -> None:
    low, high = filters.min_price, filters.max_price
    if low is not None and high is not None and low > high:
        raise DomainValidationError(
            "min_price cannot be above max_price.", code="invalid_price_range"
        )


class ListCourses:
    """Published courses only, whoever asks (drafts are listed to their owner elsewhere).

    The total is counted once per filter and catalog version, not on every page, and a page
    whose predecessor was read under the current version starts where that one ended instead
    of past an offset (page_marks.py).
    """

    def __init__(self, queries: CourseQueries, counts: CatalogCounts, marks: PageMarks) -> None:
        self._queries = queries
        self._counts = counts
        self._marks = marks

    def __call__(
        self, filters: CourseFilters, ordering: CourseOrdering | None, page: PageRequest
    ) -> Page[CourseSummary]:
        refuse_an_inverted_price_range(filters)
        known = self._counts.read(filters)
        marks = self._marks.read(filters, ordering, page)
        found = self._queries.published_courses(
            filters, ordering, page, known_total=known.total, start_after=marks.start
        )
        if known.total is None:
            self._counts.put(known, found.total)
        if found.end is not None and found.has_next:
            self._marks.keep_next(marks, found.end)
        return found
