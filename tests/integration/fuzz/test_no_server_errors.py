"""No request body, query string or path the document allows (or nearly allows) answers 5xx.

schemathesis generates requests for every operation from our own OpenAPI document, and each
one is sent as a guest, a student, an instructor and an admin. Bounded: a few examples per
operation, on the embedded database, so it stays in `make test`.
"""

from __future__ import annotations

import pytest
import schemathesis
from dependency_injector import providers
from hypothesis import HealthCheck, Phase, given, settings

from skillwise.domain.identity import Role
from tests.factories import a_user, bearer

pytestmark = pytest.mark.integration

EXAMPLES_PER_OPERATION = 6
BOUNDED = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


@pytest.fixture(autouse=True)
def _embedded_database_only(settings):
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("bounded to the embedded database; PostgreSQL is covered by the HTTP tests")


@pytest.fixture
def callers(app, uow_factory) -> dict[str, dict[str, str]]:
    users = {role: a_user(role) for role in (Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN)}
    with uow_factory() as uow:
        for user in users.values():
            uow.users.add(user)
        uow.commit()
    return {"guest": {}} | {role.value: bearer(app, user) for role, user in users.items()}


def server_errors(app, callers, only: str | None = None) -> tuple[list[str], int]:
    """Every 5xx answer to generated requests, and how many requests were sent."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    if only is not None:
        operations = [op for op in operations if op.definition.raw.get("operationId") == only]
    failures: list[str] = []
    sent = 0
    for operation in operations:

        @BOUNDED
        @given(case=operation.as_strategy())
        def each_caller(case):
            nonlocal sent
            for who, headers in callers.items():
                response = case.call(headers={**(case.headers or {}), **headers})
                sent += 1
                if response.status_code >= 500:
                    failures.append(
                        f"{who}: {case.method} {case.formatted_path} {case.query or ''} "
                        f"answered {response.status_code}: {response.text[:200]}"
                    )

        each_caller()
    return failures, sent


def test_no_request_answers_a_server_error(app, callers):
    failures, sent = server_errors(app, callers)

    assert sent > 80 * len(callers)
    assert failures == []


def test_a_view_that_breaks_is_caught(app, container, callers):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    with container.catalog.list_courses.override(providers.Object(broken)):
        failures, sent = server_errors(app, callers, only="listCourses")

    assert sent > 0
    assert failures and all("GET /api/v1/courses/" in failure for failure in failures)
