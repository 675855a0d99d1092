"""Uploading, downloading and deleting lesson attachments, with fakes."""

import io

import pytest

from skillwise.application.catalog.ports import IncomingFile
from skillwise.application.catalog.use_cases.delete_attachment import DeleteAttachment
from skillwise.application.catalog.use_cases.download_attachment import DownloadAttachment
from skillwise.application.catalog.use_cases.upload_attachment import UploadAttachment
from skillwise.domain.errors import (
    AuthenticationRequired,
    DomainValidationError,
    NotFound,
    PermissionDenied,
)
from skillwise.domain.identity import Role

PDF = b"%PDF-1.7\n" + b"0" * 200


def upload(shelf, max_bytes=10_000):
    return UploadAttachment(shelf.uow, shelf.storage, shelf.clock, max_bytes)


def a_file(content=PDF, declared="application/pdf", name="../../slides.pdf"):
    return IncomingFile(filename=name, declared_type=declared, stream=io.BytesIO(content))


def a_locked_lesson(shelf, course):
    return shelf.lessons_of(shelf.modules_of(course)[0])[1]


def test_the_owner_uploads_a_file_kept_under_a_generated_key(shelf):
    course = shelf.course()
    lesson = a_locked_lesson(shelf, course)
    attachment = upload(shelf)(shelf.owner_of(course), lesson.id, a_file())
    assert attachment.filename == "slides.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size_bytes == len(PDF)
    assert list(shelf.storage.files) == [attachment.storage_key]
    assert "slides" not in attachment.storage_key and len(attachment.storage_key) == 32
    assert shelf.uow.attachments.get(attachment.id) is not None
    assert shelf.cache.changes == [(course.id, 1)]


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(shelf):
    course = shelf.course()
    lesson = a_locked_lesson(shelf, course)
    with pytest.raises(DomainValidationError) as refused:
        upload(shelf, max_bytes=100)(shelf.owner_of(course), lesson.id, a_file())
    assert refused.value.code == "attachment_too_large"
    assert shelf.storage.files == {} and shelf.uow.attachments.rows == {}


def test_a_file_lying_about_its_type_is_refused(shelf):
    course = shelf.course()
    lesson = a_locked_lesson(shelf, course)
    executable = a_file(content=b"MZ\x90\x00" + b"\x00" * 100, declared="application/pdf")
    with pytest.raises(DomainValidationError) as refused:
        upload(shelf)(shelf.owner_of(course), lesson.id, executable)
    assert refused.value.code == "attachment_content_mismatch"
    assert shelf.storage.files == {}


def test_strangers_cannot_upload(shelf):
    course = shelf.course()
    lesson = a_locked_lesson(shelf, course)
    with pytest.raises(PermissionDenied):
        upload(shelf)(shelf.actor(Role.INSTRUCTOR), lesson.id, a_file())
    assert shelf.storage.files == {}


def test_downloads_follow_the_lesson_access_rule(shelf):
    course = shelf.course()
    lesson = a_locked_lesson(shelf, course)
    attachment = upload(shelf)(shelf.owner_of(course), lesson.id, a_file())
    download = DownloadAttachment(shelf.uow, shelf.storage)
    student = shelf.actor()
    with pytest.raises(AuthenticationRequired):
        download(None, attachment.id)
    with pytest.raises(PermissionDenied):
        download(student, attachment.id)
    shelf.enroll(student, course)
    assert download(student, attachment.id).stream.read() == PDF


def test_deleting_an_attachment_removes_record_and_file(shelf):
    course = shelf.course()
    lesson = a_locked_lesson(shelf, course)
    attachment = upload(shelf)(shelf.owner_of(course), lesson.id, a_file())
    DeleteAttachment(shelf.uow, shelf.storage)(shelf.actor(Role.ADMIN), attachment.id)
    assert shelf.storage.files == {}
    with pytest.raises(NotFound):
        DownloadAttachment(shelf.uow, shelf.storage)(shelf.owner_of(course), attachment.id)
