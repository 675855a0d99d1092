"""A Python client generated from the document drives a journey against a live server, as an
app team's generated client would: only through its typed models."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from uuid import uuid4

import pytest
from werkzeug.serving import make_server

from skillwise.domain.money import Money
from tests.integration.builders import Builder

pytestmark = pytest.mark.integration

PACKAGE = "skillwise_api_client"


@pytest.fixture
def live_url(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def generated(client, tmp_path: Path) -> Iterator[ModuleType]:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(client.get("/api/v1/openapi.json").json))
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\n")
    generator = Path(sys.executable).with_name("openapi-python-client")
    subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(spec),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
            "--config",
            str(config),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def test_a_generated_client_signs_up_logs_in_lists_courses_and_reads_a_404_as_error(
    generated, live_url, uow_factory, app
):
    Builder(uow_factory, app).course(title="Typed Clients 101", price=Money(1999, "USD"))
    register = importlib.import_module(f"{PACKAGE}.api.auth.register")
    login = importlib.import_module(f"{PACKAGE}.api.auth.login")
    list_courses = importlib.import_module(f"{PACKAGE}.api.courses.list_courses")
    get_course = importlib.import_module(f"{PACKAGE}.api.courses.get_course")
    models = importlib.import_module(f"{PACKAGE}.models")

    guest = generated.Client(base_url=live_url, raise_on_unexpected_status=True)
    email = f"ada-{uuid4().hex[:8]}@example.com"

    user = register.sync(
        client=guest,
        body=models.Register(
            email=email,
            password="correct-Horse-7",
            full_name="Ada Lovelace",
            role=models.RegisterRole.INSTRUCTOR,
        ),
    )
    assert isinstance(user, models.User)
    assert user.role is models.UserRole.INSTRUCTOR
    assert user.email_verified is False

    session = login.sync(client=guest, body=models.Login(email=email, password="correct-Horse-7"))
    assert isinstance(session, models.Session)
    assert session.token_type is models.SessionTokenType.BEARER
    assert session.user.id == user.id

    member = generated.AuthenticatedClient(
        base_url=live_url, token=session.access, raise_on_unexpected_status=True
    )
    page = list_courses.sync(client=member, page_size=5)
    assert isinstance(page, models.CourseSummaryPage)
    (course,) = page.results
    assert course.title == "Typed Clients 101"
    assert (course.price, course.currency) == (1999, "USD")
    assert course.level in set(models.CourseSummaryLevel)

    missing = get_course.sync_detailed(client=member, course_id=uuid4())
    assert missing.status_code == 404
    assert isinstance(missing.parsed, models.Error)
    assert missing.parsed.error == "course_not_found"
    assert missing.parsed.code == 404

    refused = list_courses.sync_detailed(
        client=generated.AuthenticatedClient(base_url=live_url, token="not-a-token")
    )
    assert refused.status_code == 401
    assert isinstance(refused.parsed, models.Error)
    assert refused.parsed.error == "invalid_token"


def test_a_generated_client_scrolls_the_catalog_by_cursor_to_its_end(
    generated, live_url, uow_factory, app
):
    builder = Builder(uow_factory, app)
    titles = {builder.course(title=f"Scroll {n}").course.title for n in range(3)}
    list_courses = importlib.import_module(f"{PACKAGE}.api.courses.list_courses")
    models = importlib.import_module(f"{PACKAGE}.models")
    guest = generated.Client(base_url=live_url, raise_on_unexpected_status=True)

    seen, cursor = [], ""
    while cursor is not None:
        page = list_courses.sync(client=guest, cursor=cursor, page_size=2)
        assert isinstance(page, models.CourseSummaryPage)
        assert page.count is None and page.page is None
        seen += [course.title for course in page.results]
        cursor = page.next_cursor
    assert sorted(seen) == sorted(titles)

    numbered = list_courses.sync(client=guest, page_size=2)
    assert numbered.count == 3 and numbered.page == 1 and numbered.next_cursor is None
    refused = list_courses.sync_detailed(client=guest, cursor="forged", page_size=2)
    assert refused.status_code == 422
    assert isinstance(refused.parsed, models.Error)
    assert refused.parsed.error == "invalid_cursor"
