"""Direct uploads over HTTP against a real S3-compatible server (moto's) on loopback: the
client sends the file to the store with the signed form, the API checks what arrived."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest
import requests

from skillwise.adapters.storage.s3 import build_s3_client
from skillwise.domain.identity import Role
from tests.integration.catalog.conftest import PDF, PNG

pytestmark = pytest.mark.integration

REGION = "eu-central-1"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 2000


@pytest.fixture
def bucket(endpoint_url) -> str:
    name = f"skillwise-uploads-{uuid4().hex[:12]}"
    client = build_s3_client(endpoint_url=endpoint_url, region=REGION)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    return name


@pytest.fixture
def settings(settings, endpoint_url, bucket):
    return replace(
        settings,
        storage="s3",
        s3_bucket=bucket,
        s3_endpoint_url=endpoint_url,
        s3_region=REGION,
        max_attachment_bytes=64 * 1024,
        max_video_bytes=1024 * 1024,
    )


@pytest.fixture
def course(catalog):
    return catalog.course(lessons_per_module=2)


def stored_keys(settings) -> list[str]:
    client = build_s3_client(endpoint_url=settings.s3_endpoint_url, region=REGION)
    listing = client.list_objects_v2(Bucket=settings.s3_bucket)
    return [item["Key"] for item in listing.get("Contents", [])]


def start(client, catalog, lesson, caller, *, kind, filename, content_type, size):
    return client.post(
        f"/api/v1/lessons/{lesson.id}/uploads/",
        json={"kind": kind, "filename": filename, "content_type": content_type, "size": size},
        headers=catalog.auth(caller),
    )


def send(form: dict, contents: bytes) -> requests.Response:
    """What the app does with the form: the fields, then the file last."""
    return requests.post(
        form["url"], data=form["fields"], files={"file": ("upload", contents)}, timeout=10
    )


def complete(client, catalog, upload_id, caller):
    return client.post(f"/api/v1/uploads/{upload_id}/complete/", headers=catalog.auth(caller))


def test_an_attachment_goes_to_the_store_and_is_served_by_a_short_lived_link(
    client, catalog, course, settings
):
    lesson = course.lessons[1]
    started = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="attachment",
        filename="Week 1 slides.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    assert started.status_code == 201, started.json
    form = started.json
    assert form["fields"]["Content-Type"] == "application/pdf"
    assert send(form, PDF).status_code in (200, 201, 204)

    completed = complete(client, catalog, form["id"], course.instructor)
    assert completed.status_code == 200, completed.json
    body = completed.json
    assert (body["kind"], body["status"], body["video_url"]) == ("attachment", "completed", None)
    attachment = body["attachment"]
    assert (attachment["filename"], attachment["size_bytes"]) == ("Week 1 slides.pdf", len(PDF))

    student = catalog.user(Role.STUDENT)
    catalog.enroll(student, course)
    download = client.get(attachment["download_url"], headers=catalog.auth(student))
    assert download.status_code == 302
    link = download.headers["Location"]
    assert link.startswith(settings.s3_endpoint_url) and "Expires=300" in link
    fetched = requests.get(link, timeout=10)
    assert fetched.status_code == 200 and fetched.content == PDF
    assert "Week 1 slides.pdf" in fetched.headers["Content-Disposition"]

    assert client.get(attachment["download_url"]).status_code == 401
    outsider = catalog.user(Role.STUDENT)
    assert client.get(attachment["download_url"], headers=catalog.auth(outsider)).status_code == 403


def test_a_video_becomes_the_lessons_video_behind_an_expiring_link(client, catalog, course):
    lesson = course.lessons[1]
    form = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="video",
        filename="intro.mp4",
        content_type="video/mp4",
        size=len(MP4),
    ).json
    send(form, MP4)
    completed = complete(client, catalog, form["id"], course.instructor).json
    assert completed["video_url"] == f"http://testserver/api/v1/lessons/{lesson.id}/video/"
    assert completed["attachment"] is None
    shown = client.get(f"/api/v1/lessons/{lesson.id}/", headers=catalog.auth(course.instructor))
    assert shown.json["video_url"] == completed["video_url"]

    owner = catalog.auth(course.instructor)
    video = client.get(f"/api/v1/lessons/{lesson.id}/video/", headers=owner)
    assert video.status_code == 302
    assert requests.get(video.headers["Location"], timeout=10).content == MP4
    assert client.get(f"/api/v1/lessons/{lesson.id}/video/").status_code == 401


def test_a_declared_size_over_the_limit_is_refused_before_anything_is_signed(
    client, catalog, course, settings
):
    lesson = course.lessons[0]
    too_big = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="attachment",
        filename="huge.pdf",
        content_type="application/pdf",
        size=settings.max_attachment_bytes + 1,
    )
    assert too_big.status_code == 422
    assert too_big.json["error"] == "attachment_too_large"
    long_video = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="video",
        filename="lecture.mp4",
        content_type="video/mp4",
        size=settings.max_video_bytes + 1,
    )
    assert (long_video.status_code, long_video.json["error"]) == (422, "video_too_large")
    # A video may be larger than an attachment may.
    fits_as_video = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="video",
        filename="lecture.mp4",
        content_type="video/mp4",
        size=settings.max_attachment_bytes + 1,
    )
    assert fits_as_video.status_code == 201
    wrong_type = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="video",
        filename="lecture.avi",
        content_type="video/x-msvideo",
        size=100,
    )
    assert (wrong_type.status_code, wrong_type.json["error"]) == (422, "video_type_not_allowed")


def test_contents_that_are_not_the_declared_type_are_refused_and_deleted(
    client, catalog, course, settings
):
    lesson = course.lessons[0]
    disguised = PNG + b"\x00" * (len(PDF) - len(PNG))
    form = start(
        client,
        catalog,
        lesson,
        course.instructor,
        kind="attachment",
        filename="notes.pdf",
        content_type="application/pdf",
        size=len(disguised),
    ).json
    send(form, disguised)
    assert len(stored_keys(settings)) == 1

    refused = complete(client, catalog, form["id"], course.instructor)
    assert refused.status_code == 422
    assert refused.json["error"] == "attachment_content_mismatch"
    assert stored_keys(settings) == []
    again = complete(client, catalog, form["id"], course.instructor)
    assert (again.status_code, again.json["error"]) == (409, "upload_not_pending")
    owner = catalog.auth(course.instructor)
    lesson_body = client.get(f"/api/v1/lessons/{lesson.id}/", headers=owner)
    assert lesson_body.json["attachments"] == []


def test_a_file_of_another_size_than_declared_is_refused(client, catalog, course, settings):
    form = start(
        client,
        catalog,
        course.lessons[0],
        course.instructor,
        kind="attachment",
        filename="notes.pdf",
        content_type="application/pdf",
        size=len(PDF),
    ).json
    # A real store refuses this already (content-length-range); moto stores it anyway.
    send(form, PDF + b"% appended\n")
    refused = complete(client, catalog, form["id"], course.instructor)
    assert (refused.status_code, refused.json["error"]) == (422, "upload_size_mismatch")
    assert stored_keys(settings) == []


def test_completing_before_the_file_arrived_says_so_and_can_be_retried(client, catalog, course):
    form = start(
        client,
        catalog,
        course.lessons[0],
        course.instructor,
        kind="attachment",
        filename="notes.pdf",
        content_type="application/pdf",
        size=len(PDF),
    ).json
    early = complete(client, catalog, form["id"], course.instructor)
    assert (early.status_code, early.json["error"]) == (422, "upload_missing")
    send(form, PDF)
    assert complete(client, catalog, form["id"], course.instructor).status_code == 200


def test_only_the_owner_or_an_admin_starts_and_completes_uploads(client, catalog, course):
    declared = {
        "kind": "attachment",
        "filename": "notes.pdf",
        "content_type": "application/pdf",
        "size": len(PDF),
    }
    other_teacher = catalog.user(Role.INSTRUCTOR)
    assert start(client, catalog, course.lessons[0], other_teacher, **declared).status_code == 403
    admin = catalog.user(Role.ADMIN)
    form = start(client, catalog, course.lessons[0], admin, **declared).json
    send(form, PDF)
    assert complete(client, catalog, form["id"], other_teacher).status_code == 403
    assert complete(client, catalog, form["id"], course.instructor).status_code == 200
