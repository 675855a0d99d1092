"""Modules and lessons over HTTP: order, renumbering, and what each caller sees."""

import pytest

from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


def module_titles(client, course_id):
    body = client.get(f"/api/v1/courses/{course_id}/modules/").json
    return [(m["title"], m["position"]) for m in body["results"]]


def lesson_titles(client, module_id, headers=None):
    body = client.get(f"/api/v1/modules/{module_id}/lessons/", headers=headers or {}).json
    return [(lesson["title"], lesson["position"]) for lesson in body["results"]]


def test_modules_are_inserted_moved_and_deleted_without_gaps(client, catalog):
    course = catalog.course(modules=3, lessons_per_module=1)
    headers = catalog.auth(course.instructor)
    added = client.post(
        f"/api/v1/courses/{course.id}/modules/",
        json={"title": "Getting set up", "position": 1},
        headers=headers,
    )
    assert added.status_code == 201 and added.json["position"] == 1
    assert module_titles(client, course.id) == [
        ("Getting set up", 1),
        ("Module 1", 2),
        ("Module 2", 3),
        ("Module 3", 4),
    ]
    moved = client.patch(
        f"/api/v1/modules/{course.outline[2].id}/", json={"position": 2}, headers=headers
    )
    assert moved.status_code == 200 and moved.json["lessons"][0]["title"] == "Lesson 3.1"
    assert (
        client.delete(f"/api/v1/modules/{course.outline[0].id}/", headers=headers).status_code
        == 204
    )
    assert module_titles(client, course.id) == [
        ("Getting set up", 1),
        ("Module 3", 2),
        ("Module 2", 3),
    ]


def test_lessons_are_inserted_moved_and_deleted_without_gaps(client, catalog):
    course = catalog.course(modules=1, lessons_per_module=3)
    module_id = course.outline[0].id
    headers = catalog.auth(course.instructor)
    response = client.post(
        f"/api/v1/modules/{module_id}/lessons/",
        json={
            "title": "Bonus",
            "content": "## Extra\n\nMore.",
            "video_url": "https://video.example.com/bonus",
            "duration_seconds": 420,
            "position": 2,
        },
        headers=headers,
    )
    assert response.status_code == 201
    assert (response.json["position"], response.json["duration_seconds"]) == (2, 420)
    assert lesson_titles(client, module_id, headers) == [
        ("Lesson 1.1", 1),
        ("Bonus", 2),
        ("Lesson 1.2", 3),
        ("Lesson 1.3", 4),
    ]
    client.patch(f"/api/v1/lessons/{course.lessons[0].id}/", json={"position": 99}, headers=headers)
    client.delete(f"/api/v1/lessons/{course.lessons[1].id}/", headers=headers)
    assert lesson_titles(client, module_id, headers) == [
        ("Bonus", 1),
        ("Lesson 1.3", 2),
        ("Lesson 1.1", 3),
    ]


def test_deleting_a_module_takes_its_lessons_along(client, catalog):
    course = catalog.course(modules=2)
    headers = catalog.auth(course.instructor)
    client.delete(f"/api/v1/modules/{course.outline[0].id}/", headers=headers)
    detail = client.get(f"/api/v1/courses/{course.id}/", headers=headers).json
    assert detail["lesson_count"] == 2
    gone = f"/api/v1/lessons/{course.outline[0].lessons[0].id}/"
    assert client.get(gone, headers=headers).status_code == 404


def test_the_lesson_list_shows_content_only_where_the_caller_may_read_it(client, catalog):
    course = catalog.course(lessons_per_module=2)
    url = f"/api/v1/modules/{course.outline[0].id}/lessons/"
    preview, locked = client.get(url).json["results"]
    assert preview["content_available"] is True and preview["content"].startswith("# Lesson")
    assert locked["content_available"] is False
    assert "content" not in locked and "video_url" not in locked and "attachments" not in locked
    assert locked["title"] == "Lesson 1.2" and locked["duration_seconds"] == 300
    student = catalog.user()
    catalog.enroll(student, course)
    enrolled = client.get(url, headers=catalog.auth(student)).json["results"]
    assert all(lesson["content_available"] for lesson in enrolled)


def test_the_lessons_of_a_draft_do_not_exist_for_strangers(client, catalog):
    draft = catalog.course(published=False)
    url = f"/api/v1/modules/{draft.outline[0].id}/lessons/"
    assert client.get(url).status_code == 404
    assert client.get(url, headers=catalog.auth(catalog.user(Role.STUDENT))).status_code == 404
    assert client.get(url, headers=catalog.auth(draft.instructor)).status_code == 200


def test_invalid_outline_input_answers_422(client, catalog):
    course = catalog.course()
    headers = catalog.auth(course.instructor)
    bad = [
        ("post", f"/api/v1/courses/{course.id}/modules/", {"title": ""}),
        ("post", f"/api/v1/courses/{course.id}/modules/", {"title": "X", "position": 0}),
        ("patch", f"/api/v1/modules/{course.outline[0].id}/", {"position": "first"}),
        ("post", f"/api/v1/modules/{course.outline[0].id}/lessons/", {"content": "no title"}),
        ("patch", f"/api/v1/lessons/{course.lessons[0].id}/", {"duration_seconds": -5}),
        ("patch", f"/api/v1/lessons/{course.lessons[0].id}/", {"video_url": "not a url"}),
    ]
    for method, url, body in bad:
        assert getattr(client, method)(url, json=body, headers=headers).status_code == 422, url
