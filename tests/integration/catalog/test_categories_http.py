"""GET /categories/: counted from published courses in one statement, cached like the list."""

from __future__ import annotations

import pytest

from skillwise.domain.identity import Role
from tests.integration.catalog.test_query_discipline import statements_for

pytestmark = pytest.mark.integration

API = "/api/v1"


def test_categories_count_published_courses_and_filter_the_catalog(client, catalog):
    teacher = catalog.user(Role.INSTRUCTOR)
    for category, published in [
        ("data-science", True),
        ("data-science", True),
        ("design", True),
        ("data-science", False),
        ("music", False),
    ]:
        catalog.course(teacher, published=published, category=category)

    categories = client.get(f"{API}/categories/")

    assert categories.status_code == 200
    assert categories.json == [
        {"slug": "data-science", "name": "Data Science", "course_count": 2},
        {"slug": "design", "name": "Design", "course_count": 1},
    ]
    for category in categories.json:
        listed = client.get(f"{API}/courses/", query_string={"category": category["slug"]})
        assert listed.json["count"] == category["course_count"]


def test_publishing_a_course_refreshes_the_cached_categories(client, catalog):
    teacher = catalog.user(Role.INSTRUCTOR)
    catalog.course(teacher, category="design")
    draft = catalog.course(teacher, published=False, category="music")
    first = client.get(f"{API}/categories/")
    assert [c["slug"] for c in first.json] == ["design"]
    cached = client.get(f"{API}/categories/", headers={"If-None-Match": first.headers["ETag"]})
    assert cached.status_code == 304

    published = client.patch(
        f"{API}/courses/{draft.id}/", json={"status": "published"}, headers=catalog.auth(teacher)
    )
    assert published.status_code == 200

    after = client.get(f"{API}/categories/", headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200
    assert [c["slug"] for c in after.json] == ["design", "music"]


def test_one_statement_answers_any_number_of_categories_and_the_cache_none(
    client, catalog, count_statements
):
    teacher = catalog.user(Role.INSTRUCTOR)
    for number in range(3):
        catalog.course(teacher, category=f"topic-{number}")
    few, answer = statements_for(client, count_statements, f"{API}/categories/")
    assert len(answer.json) == 3

    for number in range(3, 40):
        catalog.course(teacher, category=f"topic-{number}")
    client.patch(
        f"{API}/courses/{catalog.course(teacher, published=False).id}/",
        json={"title": "Any change moves the catalog on"},
        headers=catalog.auth(teacher),
    )
    many, answer = statements_for(client, count_statements, f"{API}/categories/")
    again, _ = statements_for(client, count_statements, f"{API}/categories/")

    assert len(answer.json) == 40
    assert few == many == 1
    assert again == 0


def test_the_categories_operation_is_public_and_named(client):
    operation = client.get(f"{API}/openapi.json").json["paths"][f"{API}/categories/"]["get"]
    assert operation["operationId"] == "listCategories"
    assert operation["security"] == []
