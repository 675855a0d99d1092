"""Guests' answers are rendered once per catalog version."""

from contextlib import contextmanager
from uuid import uuid4

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.catalog.use_cases.serve_cached_catalog import ServeCachedCatalog
from tests.fakes.basics import DictCache


def counting_renderer(answers):
    calls = []

    def render() -> bytes:
        calls.append(1)
        return answers[len(calls) - 1]

    return render, calls


def test_a_list_is_rendered_once_and_again_after_any_course_changes():
    cache = DictCache()
    catalog_cache = CatalogCache(cache)
    serve = ServeCachedCatalog(cache)
    render, calls = counting_renderer([b"first", b"second"])
    assert serve.course_list("?page=1", render).body == b"first"
    assert serve.course_list("?page=1", render).body == b"first"
    catalog_cache.course_changed(uuid4())
    assert serve.course_list("?page=1", render).body == b"second"
    assert len(calls) == 2


def test_different_questions_get_different_answers():
    cache = DictCache()
    serve = ServeCachedCatalog(cache)
    serve.course_list("?page=1", lambda: b"one")
    assert serve.course_list("?page=2", lambda: b"two").body == b"two"


def test_a_course_detail_changes_with_its_own_version_only():
    cache = DictCache()
    catalog_cache = CatalogCache(cache)
    serve = ServeCachedCatalog(cache, ttl_seconds=300)
    course_id, other_id = uuid4(), uuid4()
    serve.course_detail(course_id, lambda: b"v1")
    catalog_cache.course_changed(other_id)
    assert serve.course_detail(course_id, lambda: b"v2").body == b"v1"
    catalog_cache.course_changed(course_id)
    assert serve.course_detail(course_id, lambda: b"v2").body == b"v2"
    assert set(cache.ttls.values()) == {300}


def test_an_answer_is_stored_with_its_etag_and_looked_up_without_rendering():
    cache = DictCache()
    catalog_cache = CatalogCache(cache)
    serve = ServeCachedCatalog(cache)
    assert serve.cached_course_list("?page=1") is None
    rendered = serve.course_list("?page=1", lambda: b'{"count": 1}')
    found = serve.cached_course_list("?page=1")
    assert found == rendered and found.body == b'{"count": 1}' and len(found.etag) == 32
    catalog_cache.course_changed(uuid4())
    assert serve.cached_course_list("?page=1") is None


def test_an_answer_that_will_be_cached_is_rendered_inside_fresh_reads_and_a_hit_reads_nothing():
    cache = DictCache()
    entered = []

    @contextmanager
    def fresh_reads():
        entered.append("in")
        yield
        entered.append("out")

    serve = ServeCachedCatalog(cache, fresh_reads=fresh_reads)

    def render() -> bytes:
        assert entered == ["in"], "rendered outside fresh reads"
        return b"answer"

    assert serve.categories(render).body == b"answer"
    assert serve.categories(render).body == b"answer"
    assert entered == ["in", "out"]
