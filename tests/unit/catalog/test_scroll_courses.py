"""Walking the catalog by cursor, with fakes: every course once, in order, on one question."""

import pytest

from skillwise.application.catalog.ports import CourseFilters, CourseOrdering
from skillwise.application.catalog.use_cases.scroll_courses import ScrollCourses
from skillwise.application.shared.cursors import CursorCodec
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money


def scroll(shelf):
    return ScrollCourses(shelf.queries, CursorCodec(b"test-secret"))


def walk(shelf, ordering=None, page_size=2):
    filters, seen, cursor, pages = CourseFilters(), [], "", 0
    while cursor is not None:
        page = scroll(shelf)(filters, ordering, cursor, page_size)
        seen += [course.id for course in page.items]
        cursor, pages = page.next_cursor, pages + 1
    return seen, pages


def test_walking_by_cursor_answers_each_published_course_once_in_price_order(shelf):
    prices = [0, 1999, 1999, 1999, 4999, 0, 1999]
    courses = [shelf.course(price=Money(price, "USD")) for price in prices]
    shelf.course(published=False)
    seen, pages = walk(shelf, ordering=CourseOrdering.PRICE)
    expected = sorted(courses, key=lambda c: (c.price.amount_minor, c.id))
    assert seen == [c.id for c in expected]
    assert pages == 4


def test_the_last_page_has_no_next_cursor_even_when_it_is_full(shelf):
    for _ in range(4):
        shelf.course()
    first = scroll(shelf)(CourseFilters(), None, "", 4)
    assert len(first.items) == 4 and first.next_cursor is None


def test_a_cursor_is_refused_with_other_filters_or_another_ordering(shelf):
    for _ in range(3):
        shelf.course()
    cursor = scroll(shelf)(CourseFilters(), None, "", 1).next_cursor
    for filters, ordering in [
        (CourseFilters(is_free=True), None),
        (CourseFilters(), CourseOrdering.PRICE),
    ]:
        with pytest.raises(DomainValidationError) as refused:
            scroll(shelf)(filters, ordering, cursor, 1)
        assert refused.value.code == "cursor_mismatch"


def test_scrolling_refuses_a_price_range_upside_down(shelf):
    with pytest.raises(DomainValidationError) as refused:
        scroll(shelf)(CourseFilters(min_price=500, max_price=100), None, "", 20)
    assert refused.value.code == "invalid_price_range"
