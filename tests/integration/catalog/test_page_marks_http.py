"""A numbered page read after the one before it starts at that page's last row, on both
databases, and answers exactly what the offset would."""

from datetime import timedelta
from itertools import chain

import pytest
from sqlalchemy import event, text

from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import NOW

pytestmark = pytest.mark.integration

URL = "/api/v1/courses/"
# 25 courses, 4 a page: six full pages and one of a single course.
PAGES = 6


@pytest.fixture
def tied(catalog):
    """25 courses where most neighbours tie on every sort key: ids alone order the ties."""
    return catalog.bare_courses(
        25,
        created_at=lambda n: NOW + timedelta(minutes=n // 4),
        price=lambda n: Money(n % 3 * 1000, "USD"),
        rating_sum=lambda n: n % 2 * 4,
        rating_count=lambda n: n % 2,
        enrollment_count=lambda n: n % 4,
    )


class Statements:
    """The catalog statements the app runs while recording, with their parameters."""

    def __init__(self, engine) -> None:
        self.ran: list[tuple[str, object]] = []
        self._engine = engine

    def __enter__(self):
        event.listen(self._engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self._engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, *_args) -> None:
        if "FROM courses" in statement and "count(" not in statement.lower():
            self.ran.append((statement, parameters))


def past_an_offset(statement: str) -> bool:
    # SQLite is sent an OFFSET with every LIMIT; the offset's own window is what tells.
    return "window" in statement


def page_ids(client, headers, query, page):
    answer = client.get(URL, query_string={**query, "page": page, "page_size": 4}, headers=headers)
    assert answer.status_code == 200, answer.json
    return [course["id"] for course in answer.json["results"]]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"ordering": "created_at"},
        {"ordering": "price"},
        {"ordering": "-price"},
        {"ordering": "rating"},
        {"ordering": "-rating"},
        {"ordering": "popularity"},
        {"search": "bare"},
        {"search": "bare", "ordering": "-price"},
    ],
)
def test_pages_walked_forwards_from_their_marks_are_the_pages_past_the_offset(
    client, catalog, container, tied, query
):
    student = catalog.auth(catalog.user(Role.STUDENT))
    engine = container.infra.engine()
    # Backwards, no page has a mark yet: each is read past its offset.
    with Statements(engine) as backwards:
        offset_pages = [page_ids(client, student, query, n) for n in range(PAGES + 1, 0, -1)][::-1]
    # Forwards, every page after the first starts where the one before ended.
    with Statements(engine) as forwards:
        marked_pages = [page_ids(client, student, query, n) for n in range(1, PAGES + 2)]
    assert marked_pages == offset_pages
    walked = list(chain.from_iterable(marked_pages))
    assert sorted(walked) == sorted(str(course.id) for course in tied)
    assert len(marked_pages[-1]) == 1
    assert all(past_an_offset(statement) for statement, _ in backwards.ran)
    offsets = [past_an_offset(statement) for statement, _ in forwards.ran]
    assert offsets == [True] + [False] * PAGES


def test_a_change_to_the_catalog_sets_the_marks_aside(client, catalog, tied):
    student = catalog.auth(catalog.user(Role.STUDENT))
    before = list(
        chain.from_iterable(page_ids(client, student, {}, n) for n in range(1, PAGES + 2))
    )
    # Archived through the API, which bumps the catalog's version: later rows move up by one.
    gone = before[2]
    admin = catalog.auth(catalog.user(Role.ADMIN))
    archived = client.patch(f"{URL}{gone}/", json={"status": "archived"}, headers=admin)
    assert archived.status_code == 200, archived.json
    after = [course_id for course_id in before if course_id != gone]
    assert page_ids(client, student, {}, 2) == after[4:8]


@pytest.mark.postgres
def test_a_marked_page_starts_its_index_scan_at_the_mark_without_sorting(
    client, catalog, container, stack
):
    catalog.bare_courses(3000)
    with container.infra.engine().begin() as connection:
        connection.execute(text("ANALYZE courses"))
    student = catalog.auth(catalog.user(Role.STUDENT))
    page_ids(client, student, {}, 100)
    with Statements(container.infra.engine()) as recorded:
        page_ids(client, student, {}, 101)
    ((statement, parameters),) = recorded.ran
    with container.infra.engine().connect() as connection:
        plan = "\n".join(
            row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        )
    assert not past_an_offset(statement)
    assert "Index Scan using ix_courses_status_created_at_desc_id" in plan, plan
    assert "Sort" not in plan, plan
    condition = plan.split("Index Cond")[1].split("\n")[0]
    assert "created_at <=" in condition, plan
