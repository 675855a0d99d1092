"""ScrollCourses: the published catalog a page at a time after a cursor, for infinite scroll."""

from __future__ import annotations

from skillwise.application.catalog.ports import CourseFilters, CourseOrdering, CourseQueries
from skillwise.application.catalog.use_cases.list_courses import refuse_an_inverted_price_range
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.cursors import CursorCodec
from skillwise.application.shared.pagination import CursorPage, KeysetRequest


class ScrollCourses:
    """The same courses, filters and orderings as ListCourses, walked by keyset.

    Each page starts right after the row the previous one ended on, so page 500 costs what
    page 1 does, a course published meanwhile is never answered twice, and nothing is
    counted. A cursor is accepted only with the ordering and filters it was answered to.
    """

    def __init__(self, queries: CourseQueries, cursors: CursorCodec) -> None:
        self._queries = queries
        self._cursors = cursors

    def __call__(
        self,
        filters: CourseFilters,
        ordering: CourseOrdering | None,
        cursor: str,
        page_size: int,
    ) -> CursorPage[CourseSummary]:
        refuse_an_inverted_price_range(filters)
        question = repr(("courses", ordering, filters))
        keyset = KeysetRequest(self._cursors.decode(cursor, question), page_size)
        found = self._queries.published_courses_after(filters, ordering, keyset)
        following = None if found.next is None else self._cursors.encode(found.next, question)
        return CursorPage(items=found.items, page_size=page_size, next_cursor=following)
