"""Reviews, reports and notifications over HTTP, with their permission cases."""

from uuid import uuid4

import pytest

from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


@pytest.fixture
def course_and_student(client, learning):
    built, student = learning.course(), learning.user(full_name="Grace Hopper")
    response = client.post(f"/api/v1/courses/{built.id}/enroll/", headers=learning.auth(student))
    assert response.status_code == 201
    return built, student


def post_review(client, learning, user, built, **body):
    return client.post(
        f"/api/v1/courses/{built.id}/reviews/",
        json={"rating": 5, **body},
        headers=learning.auth(user),
    )


def test_an_enrolled_student_posts_a_review_that_anyone_can_read(
    client, learning, course_and_student
):
    built, student = course_and_student

    posted = post_review(client, learning, student, built, rating=4, comment="Well paced.")
    listing = client.get(f"/api/v1/courses/{built.id}/reviews/")

    assert posted.status_code == 201, posted.json
    assert posted.json["author"] == {"id": str(student.id), "full_name": "Grace Hopper"}
    assert (posted.json["rating"], posted.json["comment"]) == (4, "Well paced.")
    assert listing.status_code == 200
    assert listing.json["count"] == 1
    assert listing.json["results"][0]["id"] == posted.json["id"]
    course = learning.stored_course(built.id)
    assert (course.rating_count, course.rating_sum) == (1, 4)


def test_a_student_not_enrolled_may_not_review(client, learning):
    built = learning.course()

    response = post_review(client, learning, learning.user(), built)

    assert response.status_code == 403
    assert response.json["error"] == "not_enrolled"


def test_a_second_review_is_a_conflict(client, learning, course_and_student):
    built, student = course_and_student
    post_review(client, learning, student, built)

    response = post_review(client, learning, student, built, rating=1)

    assert response.status_code == 409
    assert response.json["error"] == "already_reviewed"


@pytest.mark.parametrize(
    "body",
    [{"rating": 0}, {"rating": 6}, {"rating": "5"}, {"rating": 4.5}, {"comment": "x" * 2001}],
)
def test_a_review_outside_the_rules_is_a_validation_error(
    client, learning, course_and_student, body
):
    built, student = course_and_student

    response = post_review(client, learning, student, built, **body)

    assert response.status_code == 422


def test_guests_may_not_review_but_may_read(client, learning):
    built = learning.course()

    assert (
        client.post(f"/api/v1/courses/{built.id}/reviews/", json={"rating": 5}).status_code == 401
    )
    assert client.get(f"/api/v1/courses/{built.id}/reviews/").status_code == 200
    assert client.get(f"/api/v1/courses/{uuid4()}/reviews/").status_code == 404


def test_only_the_author_or_an_admin_changes_or_deletes_a_review(
    client, learning, course_and_student
):
    built, student = course_and_student
    review = post_review(client, learning, student, built, rating=2).json
    stranger, admin = learning.user(), learning.user(Role.ADMIN)
    url = f"/api/v1/reviews/{review['id']}/"

    refused_edit = client.patch(url, json={"rating": 1}, headers=learning.auth(stranger))
    refused_delete = client.delete(url, headers=learning.auth(stranger))
    edited = client.patch(url, json={"rating": 5}, headers=learning.auth(student))
    moderated = client.patch(url, json={"comment": "[removed]"}, headers=learning.auth(admin))

    assert (refused_edit.status_code, refused_delete.status_code) == (403, 403)
    assert edited.status_code == 200 and edited.json["rating"] == 5
    assert moderated.status_code == 200 and moderated.json["comment"] == "[removed]"
    assert learning.stored_course(built.id).rating_sum == 5

    deleted = client.delete(url, headers=learning.auth(admin))
    assert deleted.status_code == 204
    course = learning.stored_course(built.id)
    assert (course.rating_count, course.rating_sum) == (0, 0)
    assert client.delete(url, headers=learning.auth(student)).status_code == 404


def test_the_instructor_is_notified_of_a_new_review(client, learning, course_and_student):
    built, student = course_and_student
    post_review(client, learning, student, built, rating=3)

    inbox = client.get("/api/v1/notifications/", headers=learning.auth(built.instructor)).json

    assert [n["kind"] for n in inbox["results"]] == ["new_review"]
    assert inbox["results"][0]["data"]["course_id"] == str(built.id)


def test_reports_are_filed_once_while_open_and_decided_by_admins(
    client, learning, course_and_student
):
    built, student = course_and_student
    admin = learning.user(Role.ADMIN)
    report_body = {"target_type": "course", "target_id": str(built.id), "reason": "Spam links"}

    filed = client.post("/api/v1/reports/", json=report_body, headers=learning.auth(student))
    duplicate = client.post("/api/v1/reports/", json=report_body, headers=learning.auth(student))
    queue = client.get(
        "/api/v1/admin/reports/?status=open&target_type=course", headers=learning.auth(admin)
    )
    student_peek = client.get("/api/v1/admin/reports/", headers=learning.auth(student))
    decided = client.patch(
        f"/api/v1/admin/reports/{filed.json['id']}/",
        json={"status": "resolved", "resolution_note": "Links removed."},
        headers=learning.auth(admin),
    )
    again = client.patch(
        f"/api/v1/admin/reports/{filed.json['id']}/",
        json={"status": "dismissed"},
        headers=learning.auth(admin),
    )

    assert filed.status_code == 201, filed.json
    assert filed.json["status"] == "open" and filed.json["reporter_id"] == str(student.id)
    assert duplicate.status_code == 409
    assert queue.status_code == 200
    assert [r["id"] for r in queue.json["results"]] == [filed.json["id"]]
    assert student_peek.status_code == 403
    assert decided.status_code == 200
    assert decided.json["status"] == "resolved"
    assert decided.json["resolved_by"] == str(admin.id)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"target_type": "user", "target_id": str(uuid4()), "reason": "x"}, 404),
        ({"target_type": "review", "target_id": str(uuid4()), "reason": "x"}, 404),
        ({"target_type": "lesson", "target_id": str(uuid4()), "reason": "x"}, 422),
        ({"target_type": "course", "target_id": "nope", "reason": "x"}, 422),
    ],
)
def test_reports_of_unknown_or_malformed_targets_are_refused(client, learning, body, status):
    response = client.post("/api/v1/reports/", json=body, headers=learning.auth(learning.user()))

    assert response.status_code == status


def test_a_report_needs_a_reason(client, learning):
    target = learning.user()

    empty = client.post(
        "/api/v1/reports/",
        json={"target_type": "user", "target_id": str(target.id), "reason": ""},
        headers=learning.auth(learning.user()),
    )

    assert empty.status_code == 422
    assert client.post("/api/v1/reports/", json={}).status_code == 401


def test_notifications_list_with_unread_count_and_are_marked_read_by_their_owner_only(
    client, learning, course_and_student
):
    _, student = course_and_student
    headers = learning.auth(student)
    inbox = client.get("/api/v1/notifications/", headers=headers).json
    enrollment_note = inbox["results"][0]

    foreign = client.patch(
        f"/api/v1/notifications/{enrollment_note['id']}/read/",
        headers=learning.auth(learning.user()),
    )
    read = client.patch(f"/api/v1/notifications/{enrollment_note['id']}/read/", headers=headers)
    read_again = client.patch(
        f"/api/v1/notifications/{enrollment_note['id']}/read/", headers=headers
    )
    unread = client.get("/api/v1/notifications/?unread=true", headers=headers).json

    assert (inbox["count"], inbox["unread_count"]) == (1, 1)
    assert enrollment_note["kind"] == "enrollment" and enrollment_note["read_at"] is None
    assert foreign.status_code == 404
    assert read.status_code == 200 and read.json["read_at"] is not None
    assert read_again.json["read_at"] == read.json["read_at"]
    assert (unread["count"], unread["unread_count"]) == (0, 0)
    assert client.get("/api/v1/notifications/").status_code == 401


def test_read_all_marks_every_unread_notification(client, learning, course_and_student):
    _, student = course_and_student
    client.post(f"/api/v1/courses/{learning.course().id}/enroll/", headers=learning.auth(student))

    marked = client.post("/api/v1/notifications/read-all/", headers=learning.auth(student))
    inbox = client.get("/api/v1/notifications/", headers=learning.auth(student)).json

    assert marked.status_code == 200 and marked.json == {"marked_read": 2}
    assert inbox["unread_count"] == 0 and inbox["count"] == 2
