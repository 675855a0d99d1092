"""GET /courses/?cursor=: keyset pages on both databases, for every ordering."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import NOW

pytestmark = pytest.mark.integration

URL = "/api/v1/courses/"


def rank(course, unrated):
    return unrated if course.rating_count == 0 else course.rating_sum / course.rating_count


# The order each `ordering` promises, ties broken by id in the ordering's direction.
ORDERS = {
    None: (lambda c: c.created_at, True),
    "price": (lambda c: c.price.amount_minor, False),
    "-price": (lambda c: c.price.amount_minor, True),
    "created_at": (lambda c: c.created_at, False),
    "-created_at": (lambda c: c.created_at, True),
    "rating": (lambda c: rank(c, 6), False),
    "-rating": (lambda c: rank(c, -1), True),
    "popularity": (lambda c: c.enrollment_count, True),
}


def in_order(courses, ordering):
    key, descending = ORDERS[ordering]
    ordered = sorted(courses, key=lambda c: (key(c), c.id), reverse=descending)
    return [str(c.id) for c in ordered]


def page(client, cursor="", **query):
    response = client.get(URL, query_string={**query, "cursor": cursor})
    assert response.status_code == 200, response.json
    return response.json


def walk(client, **query):
    """Every page from the first by following `next_cursor`: the ids, and the page count."""
    seen, cursor, pages = [], "", 0
    while cursor is not None:
        assert pages < 50, "the walk does not end"
        answer = page(client, cursor, **query)
        seen += [course["id"] for course in answer["results"]]
        cursor, pages = answer["next_cursor"], pages + 1
    return seen, pages


@pytest.fixture
def tied(catalog):
    """Fourteen published courses whose every sort key repeats, and a draft."""
    courses = catalog.bare_courses(
        14,
        price=lambda n: Money([0, 1999, 4999][n % 3], "USD"),
        created_at=lambda n: NOW + timedelta(minutes=n % 5),
        rating_sum=lambda n: [0, 4, 8, 9][n % 4],
        rating_count=lambda n: [0, 1, 2, 2][n % 4],
        enrollment_count=lambda n: n % 2 * 5,
    )
    catalog.course(published=False)
    return courses


@pytest.mark.parametrize("ordering", list(ORDERS))
def test_walking_by_cursor_answers_every_published_course_once_in_order(client, tied, ordering):
    query = {"page_size": 4} if ordering is None else {"page_size": 4, "ordering": ordering}
    seen, pages = walk(client, **query)
    assert seen == in_order(tied, ordering)
    assert pages == 4


def test_a_cursor_page_keeps_the_envelope_without_counting(client, tied):
    first = page(client, page_size=10)
    assert (first["count"], first["page"], first["previous"]) == (None, None, None)
    assert first["page_size"] == 10 and len(first["results"]) == 10
    following = parse_qs(urlsplit(first["next"]).query)
    assert following == {"cursor": [first["next_cursor"]], "page_size": ["10"]}
    last = page(client, first["next_cursor"], page_size=10)
    assert len(last["results"]) == 4
    assert (last["next"], last["next_cursor"]) == (None, None)


def test_numbered_pages_answer_a_null_next_cursor(client, tied):
    answer = client.get(URL, query_string={"page": 1}).json
    assert answer["count"] == 14 and answer["next_cursor"] is None


def test_a_course_published_between_two_pages_is_not_answered_twice(client, catalog, tied):
    ordered = in_order(tied, None)
    first = page(client, page_size=5)
    newest = catalog.course(created_at=NOW + timedelta(days=1))
    oldest = catalog.course(created_at=NOW - timedelta(days=1))
    seen = [course["id"] for course in first["results"]]
    cursor = first["next_cursor"]
    while cursor is not None:
        answer = page(client, cursor, page_size=5)
        seen += [course["id"] for course in answer["results"]]
        cursor = answer["next_cursor"]
    assert seen == [*ordered, str(oldest.id)]
    assert str(newest.id) not in seen


def test_filters_and_search_narrow_a_walk_as_they_narrow_numbered_pages(client, tied):
    query = {"search": "bare", "is_free": "false", "ordering": "-price"}
    seen, _ = walk(client, page_size=3, **query)
    paid = [course for course in tied if not course.price.is_zero]
    assert seen == in_order(paid, "-price")
    by_relevance, _ = walk(client, page_size=3, search="bare course", min_price=1)
    numbered = client.get(URL, query_string={"search": "bare course", "min_price": 1}).json
    assert len(by_relevance) == len(set(by_relevance)) == numbered["count"] == len(paid)
    assert set(by_relevance) == {str(course.id) for course in paid}


def refusal(client, **query):
    response = client.get(URL, query_string=query)
    assert response.status_code == 422, response.json
    return response.json["error"]


def test_a_malformed_or_altered_cursor_is_refused(client, tied):
    cursor = page(client, page_size=2)["next_cursor"]
    altered = cursor[:-3] + ("AAA" if cursor[-3:] != "AAA" else "BBB")
    assert refusal(client, cursor="not-a-cursor") == "invalid_cursor"
    assert refusal(client, cursor=altered) == "invalid_cursor"
    assert refusal(client, cursor="A" * 600) == "unprocessable_entity"


def test_a_cursor_is_refused_with_another_ordering_or_other_filters(client, tied):
    cursor = page(client, page_size=2, ordering="price")["next_cursor"]
    assert refusal(client, cursor=cursor, ordering="-price") == "cursor_mismatch"
    assert refusal(client, cursor=cursor) == "cursor_mismatch"
    assert refusal(client, cursor=cursor, ordering="price", is_free="true") == "cursor_mismatch"
    assert page(client, cursor, page_size=3, ordering="price")["results"]


def test_a_cursor_and_a_page_number_together_are_refused(client, tied):
    assert refusal(client, cursor="", page=2) == "cursor_with_page"


def test_a_guest_s_cursor_page_is_cached_until_the_catalog_changes(
    client, catalog, count_statements
):
    teacher = catalog.user(Role.INSTRUCTOR)
    courses = [catalog.course(teacher, created_at=NOW + timedelta(minutes=n)) for n in range(3)]
    cursor = page(client, page_size=1)["next_cursor"]
    assert page(client, cursor, page_size=1)["results"][0]["subtitle"] == ""
    with count_statements() as counter:
        again = page(client, cursor, page_size=1)
    assert counter.statements == [] and again["results"][0]["id"] == str(courses[1].id)
    edited = client.patch(
        f"{URL}{courses[1].id}/", json={"subtitle": "Edited"}, headers=catalog.auth(teacher)
    )
    assert edited.status_code == 200
    assert page(client, cursor, page_size=1)["results"][0]["subtitle"] == "Edited"
