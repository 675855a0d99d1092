"""Attachments over HTTP: upload checks, storage under generated names, download rights."""

from io import BytesIO

import pytest
from dependency_injector import providers
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from skillwise.domain.identity import Role
from skillwise.entrypoints.http.app import create_app
from tests.integration.catalog.conftest import PDF, PNG

pytestmark = pytest.mark.integration


def upload(
    client,
    catalog,
    lesson,
    caller,
    content=PDF,
    name="Week 1 slides.pdf",
    content_type="application/pdf",
):
    return client.post(
        f"/api/v1/lessons/{lesson.id}/attachments/",
        data={"file": (BytesIO(content), name, content_type)},
        content_type="multipart/form-data",
        headers=catalog.auth(caller),
    )


@pytest.fixture
def course(catalog):
    return catalog.course(lessons_per_module=2)


def stored_files(settings):
    root = settings.var_dir / "attachments"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_upload_is_stored_under_a_generated_name_and_listed_on_the_lesson(
    client, catalog, course, settings
):
    locked = course.lessons[1]
    response = upload(client, catalog, locked, course.instructor, name="../../etc/passwd.pdf")
    assert response.status_code == 201
    body = response.json
    assert body["filename"] == "passwd.pdf"
    assert (body["content_type"], body["size_bytes"]) == ("application/pdf", len(PDF))
    assert body["download_url"] == f"/api/v1/attachments/{body['id']}/"
    [stored] = stored_files(settings)
    assert stored.read_bytes() == PDF
    assert "passwd" not in stored.name and len(stored.name) == 32
    lesson = client.get(f"/api/v1/lessons/{locked.id}/", headers=catalog.auth(course.instructor))
    assert [a["id"] for a in lesson.json["attachments"]] == [body["id"]]


def test_a_file_whose_declared_type_lies_about_its_bytes_is_refused(
    client, catalog, course, settings
):
    executable = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
    response = upload(client, catalog, course.lessons[0], course.instructor, content=executable)
    assert response.status_code == 422
    assert response.json["error"] == "attachment_content_mismatch"
    png_as_pdf = upload(client, catalog, course.lessons[0], course.instructor, content=PNG)
    assert png_as_pdf.json["error"] == "attachment_content_mismatch"
    assert stored_files(settings) == []


def test_types_outside_the_allowlist_are_refused(client, catalog, course, settings):
    response = upload(
        client,
        catalog,
        course.lessons[0],
        course.instructor,
        content=b"#!/bin/sh\nrm -rf /\n",
        name="install.sh",
        content_type="application/x-sh",
    )
    assert response.status_code == 422
    assert response.json["error"] == "attachment_type_not_allowed"
    assert stored_files(settings) == []


def test_text_images_and_markdown_are_accepted(client, catalog, course):
    lesson, owner = course.lessons[0], course.instructor
    assert (
        upload(client, catalog, lesson, owner, PNG, "diagram.png", "image/png").status_code == 201
    )
    notes = "# Notes\n\nCafé ☕".encode()
    response = upload(client, catalog, lesson, owner, notes, "notes.md", "text/markdown")
    assert response.status_code == 201 and response.json["content_type"] == "text/markdown"


def test_a_request_without_a_file_answers_422(client, catalog, course):
    response = client.post(
        f"/api/v1/lessons/{course.lessons[0].id}/attachments/",
        data={"other": "value"},
        content_type="multipart/form-data",
        headers=catalog.auth(course.instructor),
    )
    assert response.status_code == 422 and "file" in response.json["errors"]


@pytest.fixture
def small_limit_client(container, settings_with):
    container.infra.settings.override(providers.Object(settings_with(max_attachment_bytes=1024)))
    app = create_app(container)
    app.config["TESTING"] = True
    return app.test_client()


def test_files_over_the_size_limit_are_refused_with_a_clear_error(
    small_limit_client, catalog, course, settings
):
    too_big = PDF + b"0" * 2000
    response = upload(small_limit_client, catalog, course.lessons[0], course.instructor, too_big)
    assert response.status_code == 422
    assert response.json["error"] == "attachment_too_large"
    assert "1024 bytes" in response.json["message"]
    # Encoded up front: the test client would otherwise spool this body to a temporary file.
    boundary, far_too_big = encode_multipart(
        {"file": FileStorage(BytesIO(PDF + b"0" * (2 * 1024 * 1024)), "big.pdf", "file")}
    )
    response = small_limit_client.post(
        f"/api/v1/lessons/{course.lessons[0].id}/attachments/",
        data=far_too_big,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=catalog.auth(course.instructor),
    )
    assert response.status_code == 413 and response.is_json
    assert stored_files(settings) == []
    fits = upload(small_limit_client, catalog, course.lessons[0], course.instructor, PDF)
    assert fits.status_code == 201


def download(client, url, headers=None):
    """The response with its body read, so the file it streamed is closed."""
    with client.get(url, headers=headers or {}) as response:
        response.get_data()
        return response


def test_downloads_go_to_whoever_may_read_the_lesson(client, catalog, course):
    preview, locked = course.lessons
    open_file = upload(client, catalog, preview, course.instructor).json
    closed_file = upload(
        client, catalog, locked, course.instructor, PNG, "map.png", "image/png"
    ).json
    student = catalog.user()

    guest_preview = download(client, open_file["download_url"])
    assert guest_preview.status_code == 200 and guest_preview.data == PDF
    assert guest_preview.headers["Content-Disposition"] == (
        'attachment; filename="Week 1 slides.pdf"'
    )
    assert guest_preview.headers["Content-Type"] == "application/pdf"
    assert guest_preview.headers["X-Content-Type-Options"] == "nosniff"

    assert download(client, closed_file["download_url"]).status_code == 401
    refused = download(client, closed_file["download_url"], catalog.auth(student))
    assert refused.status_code == 403
    catalog.enroll(student, course)
    allowed = download(client, closed_file["download_url"], catalog.auth(student))
    assert allowed.status_code == 200 and allowed.data == PNG
    admin = catalog.auth(catalog.user(Role.ADMIN))
    assert download(client, closed_file["download_url"], admin).status_code == 200


def test_deleting_an_attachment_removes_the_file(client, catalog, course, settings):
    attachment = upload(client, catalog, course.lessons[0], course.instructor).json
    url = f"/api/v1/attachments/{attachment['id']}/"
    assert client.delete(url).status_code == 401
    assert client.delete(url, headers=catalog.auth(catalog.user())).status_code == 403
    stranger = catalog.auth(catalog.user(Role.INSTRUCTOR))
    assert client.delete(url, headers=stranger).status_code == 403
    assert client.delete(url, headers=catalog.auth(course.instructor)).status_code == 204
    assert client.get(url, headers=catalog.auth(course.instructor)).status_code == 404
    assert stored_files(settings) == []


def test_an_admin_deletes_any_attachment(client, catalog, course):
    attachment = upload(client, catalog, course.lessons[0], course.instructor).json
    admin = catalog.auth(catalog.user(Role.ADMIN))
    assert (
        client.delete(f"/api/v1/attachments/{attachment['id']}/", headers=admin).status_code == 204
    )


def test_deleting_a_lesson_or_a_course_removes_its_files(client, catalog, settings):
    course = catalog.course(modules=2, lessons_per_module=1)
    owner = course.instructor
    upload(client, catalog, course.lessons[0], owner)
    upload(client, catalog, course.lessons[1], owner)
    assert len(stored_files(settings)) == 2
    client.delete(f"/api/v1/lessons/{course.lessons[0].id}/", headers=catalog.auth(owner))
    assert len(stored_files(settings)) == 1
    client.delete(f"/api/v1/courses/{course.id}/", headers=catalog.auth(owner))
    assert stored_files(settings) == []
