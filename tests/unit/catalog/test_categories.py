"""Categories: named from their slugs, and cached under the catalog list's version."""

from uuid import uuid4

import pytest

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.catalog.categories import Category, category_name
from skillwise.application.catalog.use_cases.serve_cached_catalog import ServeCachedCatalog
from tests.fakes.basics import DictCache
from tests.unit.catalog.test_serve_cached_catalog import counting_renderer


@pytest.mark.parametrize(
    ("slug", "name"),
    [("data-science", "Data Science"), ("music", "Music"), ("web-3-0", "Web 3 0")],
)
def test_a_category_is_named_from_its_slug(slug, name):
    assert category_name(slug) == name
    assert Category(slug=slug, course_count=1).name == name


def test_the_categories_answer_is_rendered_once_and_again_after_any_course_changes():
    cache = DictCache()
    catalog_cache = CatalogCache(cache)
    serve = ServeCachedCatalog(cache)
    render, calls = counting_renderer([b"first", b"second"])

    assert serve.categories(render).body == b"first"
    assert serve.categories(render).body == b"first"
    catalog_cache.course_changed(uuid4())
    assert serve.categories(render).body == b"second"
    assert len(calls) == 2


def test_categories_and_course_lists_never_share_an_answer():
    cache = DictCache()
    serve = ServeCachedCatalog(cache)
    serve.course_list("", lambda: b"courses")
    assert serve.categories(lambda: b"categories").body == b"categories"
