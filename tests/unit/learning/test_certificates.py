"""Certificates: issued once when an enrollment completes, revoked when its access ends."""

from __future__ import annotations

import base64

import pytest

from skillwise.application.certificates.use_cases.list_certificates import ListCertificates
from skillwise.application.certificates.use_cases.render_certificate_pdf import RenderCertificatePdf
from skillwise.application.certificates.use_cases.verify_certificate import VerifyCertificate
from skillwise.application.learning.enrollment_grants import grant_enrollment, revoke_enrollment
from skillwise.application.learning.use_cases.record_progress import RecordProgress
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.certificates import (
    CertificateNotFound,
    CertificateStatus,
    new_verification_code,
)
from skillwise.domain.identity import Role
from tests.fakes.certificates import FakeCertificateQueries, RecordingCertificateRenderer
from tests.fakes.unit_of_work import CommitFailed


@pytest.fixture
def record(uow, clock):
    return RecordProgress(uow=uow, clock=clock)


@pytest.fixture
def certificate_queries(uow):
    return FakeCertificateQueries(uow)


def finish(world, record, student, course, enrollment):
    for lesson in world.lessons_of(course):
        record(student.as_actor(), enrollment.id, lesson_id=lesson.id, completed=True)


def certificates_of(world, student):
    return [c for c in world.uow.certificates.rows.values() if c.user_id == student.id]


@pytest.fixture
def taught(world):
    teacher = world.user(Role.INSTRUCTOR, full_name="Ivy Instructor")
    course = world.course(teacher, lessons=2)
    student = world.user(full_name="Sam Student")
    return student, course, world.enrollment(student, course)


def test_finishing_the_last_lesson_issues_a_certificate_in_the_same_commit(
    world, record, taught, clock
):
    student, course, enrollment = taught
    first, last = world.lessons_of(course)
    record(student.as_actor(), enrollment.id, lesson_id=first.id, completed=True)
    assert certificates_of(world, student) == []
    commits_before = world.uow.commits

    record(student.as_actor(), enrollment.id, lesson_id=last.id, completed=True)

    assert world.uow.commits == commits_before + 1
    [certificate] = certificates_of(world, student)
    assert certificate.enrollment_id == enrollment.id
    assert (certificate.course_id, certificate.course_title) == (course.id, course.title)
    assert certificate.instructor_name == "Ivy Instructor"
    assert certificate.issued_at == clock.now()
    assert certificate.status is CertificateStatus.VALID
    [completed] = [
        n for n in world.uow.notifications.for_user(student.id) if n.kind == "course_completed"
    ]
    assert completed.data["certificate_code"] == certificate.code


def test_a_certificate_is_issued_once_however_often_lessons_are_redone(world, record, taught):
    student, course, enrollment = taught
    finish(world, record, student, course, enrollment)
    [issued] = certificates_of(world, student)
    last = world.lessons_of(course)[-1]

    record(student.as_actor(), enrollment.id, lesson_id=last.id, completed=False)
    record(student.as_actor(), enrollment.id, lesson_id=last.id, completed=True)
    finish(world, record, student, course, enrollment)

    assert [c.code for c in certificates_of(world, student)] == [issued.code]


def test_no_certificate_survives_a_completion_whose_commit_failed(world, record, taught):
    student, course, enrollment = taught
    first, last = world.lessons_of(course)
    record(student.as_actor(), enrollment.id, lesson_id=first.id, completed=True)
    world.uow.fail_next_commit = True

    with pytest.raises(CommitFailed):
        record(student.as_actor(), enrollment.id, lesson_id=last.id, completed=True)

    assert certificates_of(world, student) == []


def test_codes_carry_96_random_bits_and_never_repeat(world, record, taught):
    student, course, enrollment = taught
    finish(world, record, student, course, enrollment)
    [certificate] = certificates_of(world, student)
    codes = {certificate.code} | {new_verification_code() for _ in range(999)}

    assert len(codes) == 1000
    for code in codes:
        assert len(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))) == 12


def test_a_refund_revokes_the_certificate_and_verification_says_so(
    world, record, taught, clock, certificate_queries
):
    student, course, enrollment = taught
    finish(world, record, student, course, enrollment)
    [certificate] = certificates_of(world, student)
    clock.advance(days=3)

    with world.uow as uow:
        assert revoke_enrollment(uow, user_id=student.id, course=course, now=clock.now())
        uow.commit()

    verified = VerifyCertificate(certificate_queries)(certificate.code)
    assert verified.status is CertificateStatus.REVOKED
    assert verified.revoked_at == clock.now()
    assert verified.student_name == "Sam Student"
    assert verified.instructor_name == "Ivy Instructor"


def test_completing_again_after_a_refund_and_a_new_purchase_makes_the_same_code_valid(
    world, record, taught, clock, certificate_queries
):
    student, course, enrollment = taught
    finish(world, record, student, course, enrollment)
    [certificate] = certificates_of(world, student)
    with world.uow as uow:
        revoke_enrollment(uow, user_id=student.id, course=course, now=clock.now())
        grant_enrollment(uow, user_id=student.id, course=course, now=clock.now())
        uow.commit()

    last = world.lessons_of(course)[-1]
    record(student.as_actor(), enrollment.id, lesson_id=last.id, completed=True)

    [again] = certificates_of(world, student)
    assert again.code == certificate.code
    assert VerifyCertificate(certificate_queries)(certificate.code).status is (
        CertificateStatus.VALID
    )


@pytest.mark.parametrize("code", ["no-such-code", "x" * 5000])
def test_an_unknown_code_is_not_found(certificate_queries, code):
    with pytest.raises(CertificateNotFound) as missing:
        VerifyCertificate(certificate_queries)(code)
    assert missing.value.code == "certificate_not_found"


def test_the_pdf_carries_the_public_verification_address(
    world, record, taught, certificate_queries
):
    student, course, enrollment = taught
    finish(world, record, student, course, enrollment)
    [certificate] = certificates_of(world, student)
    renderer = RecordingCertificateRenderer()

    shown, pdf = RenderCertificatePdf(
        certificate_queries, renderer, public_url="https://skillwise.example/"
    )(certificate.code)

    assert shown.code == certificate.code
    assert pdf.startswith(b"%PDF")
    assert renderer.drawn == [
        (shown, f"https://skillwise.example/api/v1/certificates/{certificate.code}/")
    ]


def test_students_list_only_their_own_certificates_newest_first(
    world, record, clock, certificate_queries
):
    student, other = world.user(), world.user()
    older, newer, theirs = (world.course(lessons=1) for _ in range(3))
    for course in (older, newer):
        clock.advance(days=1)
        finish(world, record, student, course, world.enrollment(student, course))
    finish(world, record, other, theirs, world.enrollment(other, theirs))

    page = ListCertificates(certificate_queries)(student.as_actor(), PageRequest())

    assert page.total == 2
    assert [c.course.id for c in page.items] == [newer.id, older.id]
