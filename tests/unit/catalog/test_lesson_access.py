"""Who reads a lesson's content: the rule ReadLesson, ListLessons and downloads share."""

import pytest

from skillwise.application.catalog.use_cases.list_lessons import ListLessons
from skillwise.application.catalog.use_cases.read_lesson import ReadLesson
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import AuthenticationRequired, NotFound, PermissionDenied
from skillwise.domain.identity import Role


def lessons(shelf, course):
    module = shelf.modules_of(course)[0]
    preview, locked = shelf.lessons_of(module)
    assert preview.is_preview and not locked.is_preview
    return module, preview, locked


def test_enrolled_students_read_every_lesson(shelf):
    course = shelf.course()
    _, _, locked = lessons(shelf, course)
    student = shelf.actor()
    shelf.enroll(student, course)
    view = ReadLesson(shelf.uow)(student, locked.id)
    assert view.content_open and view.lesson.content == "Text of Lesson 1.2"


def test_a_refunded_enrollment_no_longer_opens_lessons(shelf):
    course = shelf.course()
    _, _, locked = lessons(shelf, course)
    student = shelf.actor()
    shelf.enroll(student, course, EnrollmentStatus.REFUNDED)
    with pytest.raises(PermissionDenied):
        ReadLesson(shelf.uow)(student, locked.id)


def test_the_owner_and_admins_read_every_lesson_even_in_a_draft(shelf):
    course = shelf.course(published=False)
    _, _, locked = lessons(shelf, course)
    assert ReadLesson(shelf.uow)(shelf.owner_of(course), locked.id).content_open
    assert ReadLesson(shelf.uow)(shelf.actor(Role.ADMIN), locked.id).content_open


def test_guests_read_previews_and_are_asked_to_sign_in_for_the_rest(shelf):
    course = shelf.course()
    _, preview, locked = lessons(shelf, course)
    assert ReadLesson(shelf.uow)(None, preview.id).lesson.id == preview.id
    with pytest.raises(AuthenticationRequired):
        ReadLesson(shelf.uow)(None, locked.id)


def test_signed_in_strangers_are_refused_locked_lessons(shelf):
    course = shelf.course()
    _, _, locked = lessons(shelf, course)
    with pytest.raises(PermissionDenied):
        ReadLesson(shelf.uow)(shelf.actor(Role.INSTRUCTOR), locked.id)


def test_previews_of_a_draft_do_not_exist_for_strangers(shelf):
    course = shelf.course(published=False)
    _, preview, _ = lessons(shelf, course)
    with pytest.raises(NotFound):
        ReadLesson(shelf.uow)(None, preview.id)
    with pytest.raises(NotFound):
        ReadLesson(shelf.uow)(shelf.actor(), preview.id)


def test_students_of_an_archived_course_keep_their_lessons(shelf):
    course = shelf.course()
    _, _, locked = lessons(shelf, course)
    student = shelf.actor()
    shelf.enroll(student, course)
    course.status = course.status.ARCHIVED
    assert ReadLesson(shelf.uow)(student, locked.id).content_open


def test_the_lesson_list_opens_content_only_where_the_caller_may_read(shelf):
    course = shelf.course()
    module, preview, locked = lessons(shelf, course)
    page = ListLessons(shelf.uow)(shelf.actor(), module.id, PageRequest())
    assert [(v.lesson.id, v.content_open) for v in page.items] == [
        (preview.id, True),
        (locked.id, False),
    ]
    student = shelf.actor()
    shelf.enroll(student, course)
    enrolled_page = ListLessons(shelf.uow)(student, module.id, PageRequest())
    assert all(view.content_open for view in enrolled_page.items)
