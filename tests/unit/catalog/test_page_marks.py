"""Numbered catalog pages start where the page before ended while the catalog version stands."""

from itertools import chain
from uuid import uuid4

import pytest

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.catalog.counts import CatalogCounts
from skillwise.application.catalog.page_marks import PageMarks
from skillwise.application.catalog.ports import CourseFilters, CourseOrdering
from skillwise.application.catalog.use_cases.list_courses import ListCourses
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.money import Money
from tests.fakes.basics import DictCache


def browse(shelf, cache):
    return ListCourses(shelf.queries, CatalogCounts(cache), PageMarks(cache))


def ids(page):
    return [course.id for course in page.items]


def a_catalog(shelf, size=11):
    # Three prices only, and one creation instant for all: most neighbours tie on the key.
    return [shelf.course(price=Money(100 * (n % 3), "USD")) for n in range(size)]


@pytest.mark.parametrize("ordering", [None, *CourseOrdering])
def test_pages_read_after_their_mark_are_the_pages_past_the_offset(shelf, ordering):
    a_catalog(shelf)
    marked = browse(shelf, DictCache())
    walked = [ids(marked(CourseFilters(), ordering, PageRequest(n, 3))) for n in range(1, 6)]
    unmarked = [
        ids(browse(shelf, DictCache())(CourseFilters(), ordering, PageRequest(n, 3)))
        for n in range(1, 6)
    ]
    assert walked == unmarked
    # Pages 2 to 4 each started from a mark; page 5 is past the end and page 1 needs none.
    assert len(shelf.queries.pages_started_after) == 3
    every = list(chain.from_iterable(walked))
    assert len(every) == len(set(every)) == 11


def test_a_mark_is_used_only_while_the_catalog_version_stands(shelf):
    a_catalog(shelf, size=6)
    cache = DictCache()
    pages = browse(shelf, cache)
    first = pages(CourseFilters(), None, PageRequest(1, 3))
    # A course gone behind the cache's back (no version bump): past the offset every later
    # row moves one place up, but the mark still starts page 2 after the first page's end.
    del shelf.uow.courses.rows[first.items[-1].id]
    second = pages(CourseFilters(), None, PageRequest(2, 3))
    assert shelf.queries.pages_started_after == [first.end]
    past_the_offset = browse(shelf, DictCache())(CourseFilters(), None, PageRequest(2, 3))
    assert ids(second) != ids(past_the_offset)

    CatalogCache(cache).course_changed(uuid4())
    assert ids(pages(CourseFilters(), None, PageRequest(2, 3))) == ids(past_the_offset)
    assert len(shelf.queries.pages_started_after) == 1


def test_marks_are_kept_per_filter_ordering_and_page_size(shelf):
    a_catalog(shelf)
    cache = DictCache()
    pages = browse(shelf, cache)
    pages(CourseFilters(), None, PageRequest(1, 3))
    pages(CourseFilters(is_free=False), None, PageRequest(2, 3))
    pages(CourseFilters(), CourseOrdering.PRICE, PageRequest(2, 3))
    pages(CourseFilters(), None, PageRequest(2, 4))
    assert shelf.queries.pages_started_after == []
    pages(CourseFilters(), None, PageRequest(2, 3))
    assert len(shelf.queries.pages_started_after) == 1


def test_a_mark_is_written_once_per_version_and_never_for_the_last_page(shelf):
    a_catalog(shelf, size=5)
    cache = DictCache()
    pages = browse(shelf, cache)
    pages(CourseFilters(), None, PageRequest(1, 3))
    marks = {key for key in cache.values if key.startswith("catalog:mark:")}
    assert len(marks) == 1
    before = dict(cache.values)
    pages(CourseFilters(), None, PageRequest(1, 3))
    assert cache.values == before
    pages(CourseFilters(), None, PageRequest(2, 3))  # the last page: nothing follows it
    assert {key for key in cache.values if key.startswith("catalog:mark:")} == marks


def test_a_mark_the_cache_garbled_is_not_used(shelf):
    a_catalog(shelf, size=6)
    cache = DictCache()
    pages = browse(shelf, cache)
    pages(CourseFilters(), None, PageRequest(1, 3))
    (key,) = [key for key in cache.values if key.startswith("catalog:mark:")]
    cache.values[key] = b"0\nnot a position"
    second = pages(CourseFilters(), None, PageRequest(2, 3))
    assert shelf.queries.pages_started_after == []
    assert ids(second) == ids(browse(shelf, DictCache())(CourseFilters(), None, PageRequest(2, 3)))
