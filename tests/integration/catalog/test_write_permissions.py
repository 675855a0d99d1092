"""Every write endpoint of the catalog against every kind of caller.

Guests are asked to sign in (401). Signed-in callers who neither own the course nor
administer the platform get 403 on a published course and 404 on a draft, whose existence
stays secret. The owner and admins succeed.
"""

from io import BytesIO

import pytest

from skillwise.domain.identity import Role
from tests.integration.catalog.conftest import PDF

pytestmark = pytest.mark.integration


def _upload():
    return {
        "data": {"file": (BytesIO(PDF), "notes.pdf", "application/pdf")},
        "content_type": "multipart/form-data",
    }


# name -> (method, url for a course, request arguments, status on success)
WRITES = {
    "edit course": (
        "patch",
        lambda c: f"/api/v1/courses/{c.id}/",
        lambda: {"json": {"title": "Mine"}},
        200,
    ),
    "delete course": ("delete", lambda c: f"/api/v1/courses/{c.id}/", dict, 204),
    "add module": (
        "post",
        lambda c: f"/api/v1/courses/{c.id}/modules/",
        lambda: {"json": {"title": "Extra"}},
        201,
    ),
    "edit module": (
        "patch",
        lambda c: f"/api/v1/modules/{c.outline[0].id}/",
        lambda: {"json": {"title": "Renamed", "position": 1}},
        200,
    ),
    "delete module": ("delete", lambda c: f"/api/v1/modules/{c.outline[0].id}/", dict, 204),
    "add lesson": (
        "post",
        lambda c: f"/api/v1/modules/{c.outline[0].id}/lessons/",
        lambda: {"json": {"title": "Extra"}},
        201,
    ),
    "edit lesson": (
        "patch",
        lambda c: f"/api/v1/lessons/{c.lessons[0].id}/",
        lambda: {"json": {"content": "Rewritten"}},
        200,
    ),
    "delete lesson": ("delete", lambda c: f"/api/v1/lessons/{c.lessons[0].id}/", dict, 204),
    "upload attachment": (
        "post",
        lambda c: f"/api/v1/lessons/{c.lessons[0].id}/attachments/",
        _upload,
        201,
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_only_the_owner_or_an_admin_may_write(client, catalog, write):
    method, url_of, arguments, success = WRITES[write]
    student = catalog.user(Role.STUDENT)
    stranger = catalog.user(Role.INSTRUCTOR)
    admin = catalog.user(Role.ADMIN)

    def call(course, caller):
        send = getattr(client, method)
        return send(url_of(course), headers=catalog.auth(caller), **arguments()).status_code

    for published, hidden_status in ((True, 403), (False, 404)):
        course = catalog.course(published=published)
        assert call(course, None) == 401, (write, published, "guest")
        assert call(course, student) == hidden_status, (write, published, "student")
        assert call(course, stranger) == hidden_status, (write, published, "other instructor")
        assert call(course, course.instructor) == success, (write, published, "owner")
        assert call(catalog.course(published=published), admin) == success, (write, "admin")


def test_refused_writes_change_nothing(client, catalog):
    course = catalog.course()
    stranger = catalog.auth(catalog.user(Role.INSTRUCTOR))
    client.patch(f"/api/v1/courses/{course.id}/", json={"title": "Mine"}, headers=stranger)
    client.delete(f"/api/v1/lessons/{course.lessons[0].id}/", headers=stranger)
    client.post(f"/api/v1/courses/{course.id}/modules/", json={"title": "X"}, headers=stranger)
    detail = client.get(f"/api/v1/courses/{course.id}/").json
    assert detail["title"] == course.course.title
    assert detail["lesson_count"] == 2 and len(detail["modules"]) == 1


def test_creating_a_course_needs_an_instructor_or_an_admin(client, catalog):
    body = {
        "title": "Intro to SQL",
        "description": "Tables and joins.",
        "category": "data-science",
        "level": "beginner",
        "language": "en",
        "price": 0,
        "currency": "USD",
    }
    assert client.post("/api/v1/courses/", json=body).status_code == 401
    student = catalog.auth(catalog.user(Role.STUDENT))
    assert client.post("/api/v1/courses/", json=body, headers=student).status_code == 403
    for role in (Role.INSTRUCTOR, Role.ADMIN):
        caller = catalog.user(role)
        response = client.post("/api/v1/courses/", json=body, headers=catalog.auth(caller))
        assert response.status_code == 201
        assert response.json["instructor"]["id"] == str(caller.id)
        assert response.json["status"] == "draft"


def test_instructors_list_only_their_own_courses(client, catalog):
    teacher = catalog.user(Role.INSTRUCTOR)
    mine = {str(catalog.course(teacher).id), str(catalog.course(teacher, published=False).id)}
    catalog.course()
    response = client.get("/api/v1/instructors/courses/", headers=catalog.auth(teacher))
    assert {course["id"] for course in response.json["results"]} == mine
    assert {course["status"] for course in response.json["results"]} == {"published", "draft"}
    student = catalog.auth(catalog.user(Role.STUDENT))
    assert client.get("/api/v1/instructors/courses/", headers=student).status_code == 403
    assert client.get("/api/v1/instructors/courses/").status_code == 401
