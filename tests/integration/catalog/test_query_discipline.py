"""A constant number of SQL statements per answer, whatever its size, and indexes that serve."""

import pytest
from sqlalchemy import text

from skillwise.domain.identity import Role
from skillwise.domain.money import Money

pytestmark = pytest.mark.integration


def statements_for(client, count_statements, url, **kwargs):
    """The SQL statements the answer took, leaving out SQLite's BEGIN and the token check
    that every signed-in request makes."""
    with count_statements() as counter:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.json
    ours = [
        statement
        for statement in counter.statements
        if not statement.startswith("BEGIN") and "token_blocklist" not in statement
    ]
    return len(ours), response


def count_known(client, url, headers=None, **query):
    """One page asked for first, so the catalog's count of these filters is cached."""
    assert client.get(url, query_string={**query, "page": 2}, headers=headers).status_code == 200


def test_a_list_page_of_100_runs_as_many_statements_as_a_page_of_1(
    client, catalog, count_statements
):
    catalog.many_courses(105)
    student = catalog.auth(catalog.user(Role.STUDENT))
    count_known(client, "/api/v1/courses/", student)
    small, small_page = statements_for(
        client,
        count_statements,
        "/api/v1/courses/",
        query_string={"page_size": 1},
        headers=student,
    )
    large, large_page = statements_for(
        client,
        count_statements,
        "/api/v1/courses/",
        query_string={"page_size": 100},
        headers=student,
    )
    assert len(small_page.json["results"]) == 1 and len(large_page.json["results"]) == 100
    assert all(course["lesson_count"] == 2 for course in large_page.json["results"])
    assert large_page.json["count"] == 105
    assert small == large == 1


def test_the_list_counts_the_catalog_once_per_version_of_it(client, catalog, count_statements):
    teacher = catalog.user(Role.INSTRUCTOR)
    courses = catalog.many_courses(5, instructor=teacher)
    student = catalog.auth(catalog.user(Role.STUDENT))
    first, _ = statements_for(client, count_statements, "/api/v1/courses/", headers=student)
    again, _ = statements_for(
        client, count_statements, "/api/v1/courses/", query_string={"page": 2}, headers=student
    )
    archived = client.patch(
        f"/api/v1/courses/{courses[0].id}/",
        json={"status": "archived"},
        headers=catalog.auth(teacher),
    )
    assert archived.status_code == 200
    changed, page = statements_for(client, count_statements, "/api/v1/courses/", headers=student)
    assert (first, again, changed) == (2, 1, 2)
    assert page.json["count"] == 4


def test_a_guest_s_uncached_list_runs_the_same_few_statements(client, catalog, count_statements):
    catalog.many_courses(105)
    count_known(client, "/api/v1/courses/")
    small, _ = statements_for(
        client, count_statements, "/api/v1/courses/", query_string={"page_size": 1}
    )
    large, _ = statements_for(
        client, count_statements, "/api/v1/courses/", query_string={"page_size": 100}
    )
    assert small == large == 1


def test_search_and_filters_do_not_add_statements_per_row(client, catalog, count_statements):
    catalog.many_courses(105)
    query = {"search": "bulk", "category": "programming", "ordering": "-rating"}
    count_known(client, "/api/v1/courses/", **query)
    small, _ = statements_for(
        client, count_statements, "/api/v1/courses/", query_string={**query, "page_size": 1}
    )
    large, page = statements_for(
        client, count_statements, "/api/v1/courses/", query_string={**query, "page_size": 100}
    )
    assert page.json["count"] == 105
    assert small == large == 1


def test_an_instructor_s_own_list_is_constant_too(client, catalog, count_statements):
    teacher = catalog.user(Role.INSTRUCTOR)
    catalog.many_courses(105, instructor=teacher)
    headers = catalog.auth(teacher)
    small, _ = statements_for(
        client,
        count_statements,
        "/api/v1/instructors/courses/",
        query_string={"page_size": 1},
        headers=headers,
    )
    large, _ = statements_for(
        client,
        count_statements,
        "/api/v1/instructors/courses/",
        query_string={"page_size": 100},
        headers=headers,
    )
    assert small == large == 2


def test_a_detail_with_10_modules_runs_as_many_statements_as_one_with_1(
    client, catalog, count_statements
):
    small_course = catalog.course(modules=1, lessons_per_module=1)
    large_course = catalog.course(modules=10, lessons_per_module=6)
    headers = catalog.auth(catalog.user(Role.STUDENT))
    small, _ = statements_for(
        client, count_statements, f"/api/v1/courses/{small_course.id}/", headers=headers
    )
    large, page = statements_for(
        client, count_statements, f"/api/v1/courses/{large_course.id}/", headers=headers
    )
    assert page.json["lesson_count"] == 60 and len(page.json["modules"]) == 10
    assert small == large == 3


def test_listing_modules_and_lessons_does_not_grow_with_the_outline(
    client, catalog, count_statements
):
    small_course = catalog.course(modules=1, lessons_per_module=1)
    large_course = catalog.course(modules=10, lessons_per_module=10)
    small, _ = statements_for(
        client, count_statements, f"/api/v1/courses/{small_course.id}/modules/"
    )
    large, _ = statements_for(
        client, count_statements, f"/api/v1/courses/{large_course.id}/modules/"
    )
    assert small == large
    owner = catalog.auth(large_course.instructor)
    small, _ = statements_for(
        client,
        count_statements,
        f"/api/v1/modules/{small_course.outline[0].id}/lessons/",
        headers=owner,
    )
    large, lessons = statements_for(
        client,
        count_statements,
        f"/api/v1/modules/{large_course.outline[0].id}/lessons/",
        headers=owner,
    )
    assert len(lessons.json["results"]) == 10
    assert small == large


def _plan(container, query: str, **params) -> str:
    with container.infra.engine().connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        rows = connection.execute(text(f"EXPLAIN {query}"), params)
        return "\n".join(row[0] for row in rows)


@pytest.mark.postgres
def test_full_text_search_uses_the_gin_index(container, catalog, stack):
    catalog.many_courses(20)
    plan = _plan(
        container,
        "SELECT id FROM courses WHERE search_document @@ "
        "websearch_to_tsquery('english'::regconfig, :term)",
        term="bulk",
    )
    assert "ix_courses_search_document" in plan


@pytest.mark.postgres
def test_a_search_reads_each_match_s_stored_document_instead_of_rebuilding_it(
    container, client, catalog, stack
):
    catalog.many_courses(30)
    # Counted once first, so the page's own statement is the only one left.
    query = {"search": "bulk", "page_size": 5}
    assert client.get("/api/v1/courses/", query_string=query).status_code == 200
    statement = _statement_of(container, client, "/api/v1/courses/", **query, page=2)
    with container.infra.engine().connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN VERBOSE {statement[0]}", statement[1])
        plan = "\n".join(row[0] for row in rows)
    assert "search_document" in plan
    # Neither the recheck of a match nor its rank rebuilds the document from the text.
    assert "to_tsvector" not in plan, plan


@pytest.mark.postgres
def test_best_rated_first_uses_the_rating_index(container, catalog, stack):
    catalog.many_courses(20)
    from skillwise.adapters.db.tables.catalog import RATING_RANK_SQL

    plan = _plan(
        container,
        f"SELECT id FROM courses WHERE status = 'published' "
        f"ORDER BY {RATING_RANK_SQL} DESC, id LIMIT 20",
    )
    assert "ix_courses_status_rating_rank" in plan


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("order_by", "index"),
    [
        ("price_minor, id", "ix_courses_status_price_minor_id"),
        ("price_minor DESC, id", "ix_courses_status_price_minor_desc_id"),
        ("created_at, id", "ix_courses_status_created_at_id"),
        ("created_at DESC, id", "ix_courses_status_created_at_desc_id"),
        ("enrollment_count DESC, id", "ix_courses_status_enrollment_count_desc_id"),
        (
            "COALESCE(rating_sum * 1.0 / NULLIF(rating_count, 0), 6), id",
            "ix_courses_status_rating_ascending_rank",
        ),
    ],
)
def test_every_ordering_of_the_catalog_reads_its_index_in_order(
    container, catalog, stack, order_by, index
):
    catalog.many_courses(20)
    plan = _plan(
        container,
        f"SELECT id FROM courses WHERE status = 'published' ORDER BY {order_by} LIMIT 20",
    )
    assert index in plan and "Sort" not in plan


def test_a_cursor_page_is_one_statement_whatever_its_size_or_depth(
    client, catalog, count_statements
):
    catalog.bare_courses(105)
    student = catalog.auth(catalog.user(Role.STUDENT))
    url = "/api/v1/courses/"
    small, first = statements_for(
        client, count_statements, url, query_string={"cursor": "", "page_size": 1}, headers=student
    )
    large, _ = statements_for(
        client,
        count_statements,
        url,
        query_string={"cursor": "", "page_size": 100},
        headers=student,
    )
    deep, last = statements_for(
        client,
        count_statements,
        url,
        query_string={"cursor": first.json["next_cursor"], "page_size": 100},
        headers=student,
    )
    assert len(last.json["results"]) == 100 and last.json["next_cursor"] is not None
    assert small == large == deep == 1


def _statement_of(container, client, url, **query):
    """The SQL statement and parameters the list ran to answer `url`."""
    from sqlalchemy import event

    ran = []
    engine = container.infra.engine()

    def record(_conn, _cursor, statement, parameters, *_args) -> None:
        if "FROM courses" in statement:
            ran.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url, query_string=query).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    (statement,) = ran
    return statement


def _plan_of(container, statement) -> str:
    with container.infra.engine().connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN {statement[0]}", statement[1])
        return "\n".join(row[0] for row in rows)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("ordering", "scan"),
    [
        (None, "Index Scan Backward using ix_courses_status_created_at_id"),
        ("created_at", "Index Scan using ix_courses_status_created_at_id"),
        ("price", "Index Scan using ix_courses_status_price_minor_id"),
        ("-price", "Index Scan Backward using ix_courses_status_price_minor_id"),
        ("rating", "Index Scan using ix_courses_status_rating_ascending_rank"),
        ("-rating", "Index Scan Backward using ix_courses_status_rating_rank_id"),
        ("popularity", "Index Scan Backward using ix_courses_status_enrollment_count_id"),
    ],
)
def test_a_deep_cursor_page_starts_its_index_scan_at_the_cursor_without_sorting(
    container, client, catalog, stack, ordering, scan
):
    catalog.bare_courses(
        3000,
        price=lambda n: Money(n % 7 * 1000, "USD"),
        rating_sum=lambda n: n % 11,
        rating_count=lambda n: n % 3,
        enrollment_count=lambda n: n % 13,
    )
    with container.infra.engine().begin() as connection:
        connection.execute(text("ANALYZE courses"))
    query = {"page_size": 20} if ordering is None else {"page_size": 20, "ordering": ordering}
    first = client.get("/api/v1/courses/", query_string={**query, "cursor": ""}).json
    cursor = first["next_cursor"]
    for _ in range(50):
        cursor = client.get("/api/v1/courses/", query_string={**query, "cursor": cursor}).json[
            "next_cursor"
        ]
    statement = _statement_of(container, client, "/api/v1/courses/", **query, cursor=cursor)
    plan = _plan_of(container, statement)
    assert scan in plan, plan
    # The cursor bounds the scan itself, rather than filtering rows the scan reads from the top.
    assert "Sort" not in plan and "ROW(" in plan.split("Index Cond")[1].split("\n")[0], plan
