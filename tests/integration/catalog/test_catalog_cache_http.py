"""Guests' catalog answers come from the cache and change right after an edit; ETags."""

import pytest

from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


def rename_behind_the_api(catalog, course_id, title):
    """A change the catalog cache is not told about, to show what is served from it."""
    with catalog._uow_factory() as uow:
        course = uow.courses.get(course_id)
        course.title = title
        uow.courses.save(course)
        uow.commit()


def test_a_guest_s_list_is_cached_and_changes_right_after_an_edit(client, catalog):
    course = catalog.course(title="Original title")
    assert client.get("/api/v1/courses/").json["results"][0]["title"] == "Original title"
    rename_behind_the_api(catalog, course.id, "Silently renamed")
    assert client.get("/api/v1/courses/").json["results"][0]["title"] == "Original title"
    client.patch(
        f"/api/v1/courses/{course.id}/",
        json={"subtitle": "Edited"},
        headers=catalog.auth(course.instructor),
    )
    fresh = client.get("/api/v1/courses/").json["results"][0]
    assert (fresh["title"], fresh["subtitle"]) == ("Silently renamed", "Edited")


def test_a_guest_s_course_detail_changes_right_after_an_outline_edit(client, catalog):
    course = catalog.course()
    url = f"/api/v1/courses/{course.id}/"
    assert client.get(url).json["lesson_count"] == 2
    client.post(
        f"/api/v1/modules/{course.outline[0].id}/lessons/",
        json={"title": "One more"},
        headers=catalog.auth(course.instructor),
    )
    assert client.get(url).json["lesson_count"] == 3


def test_a_list_query_in_another_order_is_the_same_question(client, catalog):
    course = catalog.course(title="Original title")
    client.get("/api/v1/courses/?page=1&page_size=5")
    rename_behind_the_api(catalog, course.id, "Silently renamed")
    again = client.get("/api/v1/courses/?page_size=5&page=1").json
    assert again["results"][0]["title"] == "Original title"
    other = client.get("/api/v1/courses/?page_size=6").json
    assert other["results"][0]["title"] == "Silently renamed"


def test_signed_in_users_always_get_fresh_answers(client, catalog):
    course = catalog.course(title="Original title")
    client.get("/api/v1/courses/")
    client.get(f"/api/v1/courses/{course.id}/")
    rename_behind_the_api(catalog, course.id, "Silently renamed")
    student = catalog.auth(catalog.user(Role.STUDENT))
    assert client.get("/api/v1/courses/", headers=student).json["results"][0]["title"] == (
        "Silently renamed"
    )
    assert client.get(f"/api/v1/courses/{course.id}/", headers=student).json["title"] == (
        "Silently renamed"
    )


def test_if_none_match_answers_304_until_the_course_changes(client, catalog):
    course = catalog.course()
    url = f"/api/v1/courses/{course.id}/"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert etag and first.headers["Vary"] == "Authorization"
    not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.data == b""
    student = catalog.auth(catalog.user(Role.STUDENT))
    signed_in = client.get(url, headers={**student, "If-None-Match": etag})
    assert signed_in.status_code == 304
    client.patch(url, json={"title": "Renamed"}, headers=catalog.auth(course.instructor))
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_the_list_honours_if_none_match_too(client, catalog):
    catalog.course()
    etag = client.get("/api/v1/courses/").headers["ETag"]
    assert client.get("/api/v1/courses/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/api/v1/courses/", headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_draft_is_never_served_to_guests_from_the_cache(client, catalog):
    course = catalog.course()
    url = f"/api/v1/courses/{course.id}/"
    assert client.get(url).status_code == 200
    client.patch(url, json={"status": "draft"}, headers=catalog.auth(course.instructor))
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/courses/").json["count"] == 0


def test_a_guest_s_cache_hit_is_answered_before_any_view_or_query_runs(
    client, catalog, app, count_statements, monkeypatch
):
    course = catalog.course()
    list_page = client.get("/api/v1/courses/", query_string={"page_size": 5})
    detail = client.get(f"/api/v1/courses/{course.id}/")

    def no_view(endpoint):
        def view(*_args, **_kwargs):
            raise AssertionError("the view ran for a cache hit")

        # The access hook still reads the endpoint's declared audience from its class.
        view.view_class = app.view_functions[endpoint].view_class
        monkeypatch.setitem(app.view_functions, endpoint, view)

    no_view("courses.Courses")
    no_view("courses.CourseById")
    with count_statements() as counter:
        again = client.get("/api/v1/courses/", query_string={"page_size": 5})
        detail_again = client.get(f"/api/v1/courses/{course.id}/")
        unchanged = client.get(
            f"/api/v1/courses/{course.id}/", headers={"If-None-Match": detail.headers["ETag"]}
        )
    assert again.status_code == 200, again.json
    assert counter.count == 0
    assert (again.data, again.headers["ETag"]) == (list_page.data, list_page.headers["ETag"])
    assert (detail_again.data, detail_again.headers["ETag"]) == (
        detail.data,
        detail.headers["ETag"],
    )
    assert unchanged.status_code == 304 and "Authorization" in again.headers["Vary"]
