"""What a CDN may keep: guest catalog answers for a while, anything personal never."""

from dataclasses import replace

import pytest

from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration

SHARED = "public, max-age=45, stale-while-revalidate=240"


@pytest.fixture
def settings(settings):
    return replace(settings, catalog_max_age=45, catalog_swr=240)


def vary(response) -> set[str]:
    return {value.strip() for value in response.headers.get("Vary", "").split(",")}


def test_guest_catalog_answers_may_be_shared_for_the_configured_time(client, catalog):
    course = catalog.course()
    for url in (
        "/api/v1/courses/",
        "/api/v1/courses/?level=beginner",
        f"/api/v1/courses/{course.id}/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == SHARED
        assert response.headers["ETag"]
        assert "Authorization" in vary(response)
        revalidated = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
        assert revalidated.status_code == 304
        assert revalidated.headers["Cache-Control"] == SHARED


def test_signed_in_answers_are_never_stored(client, catalog):
    course = catalog.course()
    student = catalog.user(Role.STUDENT)
    for url in ("/api/v1/courses/", f"/api/v1/courses/{course.id}/"):
        response = client.get(url, headers=catalog.auth(student))
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"
        assert "Authorization" in vary(response)


def test_everything_outside_the_guest_catalog_is_private(client, catalog):
    course = catalog.course()
    student = catalog.user(Role.STUDENT)
    answers = [
        client.get(f"/api/v1/lessons/{course.lessons[0].id}/"),
        client.get("/api/v1/profile/", headers=catalog.auth(student)),
        client.get("/api/v1/courses/00000000-0000-0000-0000-000000000000/"),
        client.post("/api/v1/courses/", json={}),
        client.get("/api/v1/openapi.json"),
    ]
    assert [r.status_code for r in answers] == [200, 200, 404, 401, 200]
    for response in answers:
        assert response.headers["Cache-Control"] == "private, no-store", response.request.path
        assert "Authorization" in vary(response)
