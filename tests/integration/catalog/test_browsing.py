"""GET /courses/: search, filters, ordering and pagination on both databases."""

from datetime import timedelta

import pytest

from skillwise.domain.catalog.course import CourseLevel
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import NOW

pytestmark = pytest.mark.integration

URL = "/api/v1/courses/"


def titles(response):
    assert response.status_code == 200, response.json
    return [course["title"] for course in response.json["results"]]


@pytest.fixture
def shelf(catalog):
    """Five published courses and a draft, with distinct prices, dates, ratings, audiences."""
    ada = catalog.user(Role.INSTRUCTOR, full_name="Ada Lovelace")
    grace = catalog.user(Role.INSTRUCTOR, full_name="Grace Hopper")
    specs = [
        ("Django for Beginners", ada, 1999, "USD", "programming", "en", 0, 0, 50),
        ("Advanced Python Testing", ada, 4999, "USD", "programming", "en", 9, 2, 10),
        ("Watercolour Landscapes", grace, 0, "USD", "design", "en", 20, 5, 80),
        ("Bangla for Travellers", grace, 150000, "BDT", "languages", "bn", 7, 2, 5),
        ("Marketing with Data", grace, 2999, "USD", "marketing", "en", 0, 0, 0),
    ]
    built = {}
    for minutes, (
        title,
        teacher,
        price,
        currency,
        category,
        language,
        rating_sum,
        rating_count,
        students,
    ) in enumerate(specs):
        built[title] = catalog.course(
            teacher,
            title=title,
            price=Money(price, currency),
            category=category,
            language=language,
            rating_sum=rating_sum,
            rating_count=rating_count,
            enrollment_count=students,
            created_at=NOW + timedelta(minutes=minutes),
            level=CourseLevel.ADVANCED if "Advanced" in title else CourseLevel.BEGINNER,
            subtitle="Paint mountains and lakes" if "Water" in title else "",
            description="Write tests with pytest fixtures." if "Testing" in title else "",
        )
    catalog.course(ada, title="Django Secrets (draft)", published=False)
    return {"ada": ada, "grace": grace, **built}


def test_only_published_courses_are_listed_newest_first_by_default(client, shelf):
    assert titles(client.get(URL)) == [
        "Marketing with Data",
        "Bangla for Travellers",
        "Watercolour Landscapes",
        "Advanced Python Testing",
        "Django for Beginners",
    ]


def test_each_item_carries_the_catalog_fields(client, shelf):
    item = client.get(URL, query_string={"search": "Watercolour"}).json["results"][0]
    assert item["instructor"] == {"id": str(shelf["grace"].id), "full_name": "Grace Hopper"}
    assert item["price"] == 0 and item["currency"] == "USD" and item["is_free"] is True
    assert item["rating_avg"] == 4.0 and item["rating_count"] == 5
    assert item["enrollment_count"] == 80
    assert item["lesson_count"] == 2 and item["total_duration_seconds"] == 600
    assert item["slug"] and item["published_at"].endswith("Z")
    assert set(item) >= {"subtitle", "category", "level", "language", "thumbnail_url"}


def test_search_looks_in_title_subtitle_and_description_ignoring_case(client, shelf):
    assert titles(client.get(URL, query_string={"search": "django"})) == ["Django for Beginners"]
    assert titles(client.get(URL, query_string={"search": "MOUNTAINS"})) == [
        "Watercolour Landscapes"
    ]
    assert titles(client.get(URL, query_string={"search": "pytest fixtures"})) == [
        "Advanced Python Testing"
    ]
    assert titles(client.get(URL, query_string={"search": "django watercolour"})) == []


FILTERS = [
    ({"category": "programming"}, {"Django for Beginners", "Advanced Python Testing"}),
    ({"level": "advanced"}, {"Advanced Python Testing"}),
    ({"language": "bn"}, {"Bangla for Travellers"}),
    ({"is_free": "true"}, {"Watercolour Landscapes"}),
    (
        {"min_price": 2000, "max_price": 5000, "currency": "usd"},
        {"Advanced Python Testing", "Marketing with Data"},
    ),
    ({"max_price": 1999}, {"Django for Beginners", "Watercolour Landscapes"}),
    ({"category": "design", "is_free": "false"}, set()),
]


def test_filters_narrow_the_catalog(client, shelf):
    for query, expected in FILTERS:
        assert set(titles(client.get(URL, query_string=query))) == expected, query


def test_filtering_by_instructor(client, shelf):
    found = titles(client.get(URL, query_string={"instructor": str(shelf["ada"].id)}))
    assert set(found) == {"Django for Beginners", "Advanced Python Testing"}


def test_is_free_false_keeps_paid_courses_only(client, shelf):
    assert "Watercolour Landscapes" not in titles(
        client.get(URL, query_string={"is_free": "false"})
    )
    assert len(titles(client.get(URL, query_string={"is_free": "false"}))) == 4


BAD_QUERIES = [
    {"level": "expert"},
    {"instructor": "not-a-uuid"},
    {"min_price": "cheap"},
    {"min_price": -1},
    {"is_free": "maybe"},
    {"ordering": "title"},
    {"page": 0},
    {"currency": "dollars"},
    {"min_price": 500, "max_price": 100},
]


def test_bad_filter_values_answer_422(client):
    for query in BAD_QUERIES:
        response = client.get(URL, query_string=query)
        assert response.status_code == 422, query
        assert response.json["code"] == 422 and response.json["message"]


def test_ordering_by_price_both_ways(client, shelf):
    usd = {"currency": "USD"}
    assert titles(client.get(URL, query_string={**usd, "ordering": "price"})) == [
        "Watercolour Landscapes",
        "Django for Beginners",
        "Marketing with Data",
        "Advanced Python Testing",
    ]
    assert titles(client.get(URL, query_string={**usd, "ordering": "-price"}))[0] == (
        "Advanced Python Testing"
    )


def test_ordering_by_creation_oldest_first(client, shelf):
    assert titles(client.get(URL, query_string={"ordering": "created_at"}))[:2] == [
        "Django for Beginners",
        "Advanced Python Testing",
    ]


def test_ordering_by_rating_puts_unrated_courses_last_either_way(client, shelf):
    best_first = titles(client.get(URL, query_string={"ordering": "-rating"}))
    assert best_first[:3] == [
        "Advanced Python Testing",
        "Watercolour Landscapes",
        "Bangla for Travellers",
    ]
    assert set(best_first[3:]) == {"Django for Beginners", "Marketing with Data"}
    worst_first = titles(client.get(URL, query_string={"ordering": "rating"}))
    assert worst_first[:3] == [
        "Bangla for Travellers",
        "Watercolour Landscapes",
        "Advanced Python Testing",
    ]
    assert set(worst_first[3:]) == {"Django for Beginners", "Marketing with Data"}


def test_ordering_by_popularity_puts_the_most_enrolled_first(client, shelf):
    assert titles(client.get(URL, query_string={"ordering": "popularity"})) == [
        "Watercolour Landscapes",
        "Django for Beginners",
        "Advanced Python Testing",
        "Bangla for Travellers",
        "Marketing with Data",
    ]


def test_equal_sort_keys_are_ordered_by_id_so_pages_never_overlap(client, catalog):
    courses = catalog.many_courses(7)
    for course in courses:
        course.created_at = NOW
    with catalog._uow_factory() as uow:
        for course in courses:
            uow.courses.save(course)
        uow.commit()
    seen = []
    for page in (1, 2, 3):
        response = client.get(URL, query_string={"page": page, "page_size": 3, "ordering": "price"})
        seen += [course["id"] for course in response.json["results"]]
    assert seen == sorted(str(course.id) for course in courses)


def test_pages_link_to_their_neighbours_and_cap_the_size(client, catalog):
    catalog.many_courses(5)
    first = client.get(URL, query_string={"page_size": 2}).json
    assert (first["count"], first["page"], first["page_size"]) == (5, 1, 2)
    assert first["previous"] is None and "page=2" in first["next"]
    last = client.get(first["next"]).json
    last = client.get(last["next"]).json
    assert len(last["results"]) == 1 and last["next"] is None and "page=2" in last["previous"]
    assert client.get(URL, query_string={"page_size": 500}).json["page_size"] == 100


@pytest.mark.postgres
def test_postgres_search_understands_word_forms_and_web_syntax(client, shelf, stack):
    assert titles(client.get(URL, query_string={"search": "test"})) == ["Advanced Python Testing"]
    assert titles(client.get(URL, query_string={"search": "painting"})) == [
        "Watercolour Landscapes"
    ]
    assert set(titles(client.get(URL, query_string={"search": "django or python"}))) == {
        "Django for Beginners",
        "Advanced Python Testing",
    }
    assert titles(client.get(URL, query_string={"search": "python -pytest"})) == []


@pytest.mark.postgres
def test_postgres_ranks_title_matches_above_description_matches(client, catalog, stack):
    catalog.course(title="Cooking basics", description="Not about testing at all.")
    catalog.course(title="Testing in production")
    assert titles(client.get(URL, query_string={"search": "testing"})) == [
        "Testing in production",
        "Cooking basics",
    ]
