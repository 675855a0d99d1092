"""Modules and lessons: ownership, insertion, moves and deletions keep positions 1..n."""

import pytest

from skillwise.application.catalog.use_cases.add_lesson import AddLesson, NewLesson
from skillwise.application.catalog.use_cases.add_module import AddModule
from skillwise.application.catalog.use_cases.delete_lesson import DeleteLesson
from skillwise.application.catalog.use_cases.delete_module import DeleteModule
from skillwise.application.catalog.use_cases.list_modules import ListModules
from skillwise.application.catalog.use_cases.update_lesson import UpdateLesson
from skillwise.application.catalog.use_cases.update_module import UpdateModule
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.errors import NotFound, PermissionDenied
from skillwise.domain.identity import Role
from tests.factories import NOW


def titles(items):
    return [item.title for item in items]


def test_a_module_is_added_at_the_end_by_default(shelf):
    course = shelf.course(modules=2)
    outline = AddModule(shelf.uow)(shelf.owner_of(course), course.id, "Wrap-up")
    assert outline.position == 3
    assert titles(shelf.modules_of(course)) == ["Module 1", "Module 2", "Wrap-up"]
    assert shelf.cache.changes == [(course.id, 1)]


def test_a_module_inserted_at_a_position_pushes_the_rest_down(shelf):
    course = shelf.course(modules=3)
    AddModule(shelf.uow)(shelf.owner_of(course), course.id, "Setup", position=1)
    modules = shelf.modules_of(course)
    assert titles(modules) == ["Setup", "Module 1", "Module 2", "Module 3"]
    assert [m.position for m in modules] == [1, 2, 3, 4]


def test_moving_a_module_renumbers_its_siblings(shelf):
    course = shelf.course(modules=4)
    last = shelf.modules_of(course)[-1]
    UpdateModule(shelf.uow)(shelf.owner_of(course), last.id, position=1)
    modules = shelf.modules_of(course)
    assert titles(modules) == ["Module 4", "Module 1", "Module 2", "Module 3"]
    assert [m.position for m in modules] == [1, 2, 3, 4]


def test_deleting_a_module_closes_the_gap(shelf):
    course = shelf.course(modules=3)
    second = shelf.modules_of(course)[1]
    DeleteModule(shelf.uow, shelf.storage)(shelf.actor(Role.ADMIN), second.id)
    modules = shelf.modules_of(course)
    assert titles(modules) == ["Module 1", "Module 3"]
    assert [m.position for m in modules] == [1, 2]


def test_strangers_cannot_change_the_outline(shelf):
    course = shelf.course(modules=1)
    module = shelf.modules_of(course)[0]
    student = shelf.actor(Role.STUDENT)
    with pytest.raises(PermissionDenied):
        AddModule(shelf.uow)(student, course.id, "Mine")
    with pytest.raises(PermissionDenied):
        UpdateModule(shelf.uow)(student, module.id, title="Mine")
    with pytest.raises(PermissionDenied):
        DeleteModule(shelf.uow, shelf.storage)(student, module.id)
    assert titles(shelf.modules_of(course)) == ["Module 1"]


def test_the_modules_of_a_stranger_s_draft_do_not_exist_for_others(shelf):
    draft = shelf.course(published=False)
    module = shelf.modules_of(draft)[0]
    other_teacher = shelf.actor(Role.INSTRUCTOR)
    with pytest.raises(NotFound):
        UpdateModule(shelf.uow)(other_teacher, module.id, title="Mine")
    with pytest.raises(NotFound):
        ListModules(shelf.uow, shelf.queries)(None, draft.id, PageRequest())


def test_listing_modules_paginates_the_outline(shelf):
    course = shelf.course(modules=3)
    page = ListModules(shelf.uow, shelf.queries)(None, course.id, PageRequest(2, 2))
    assert titles(page.items) == ["Module 3"] and page.total == 3


def test_a_lesson_inserted_at_a_position_pushes_the_rest_down(shelf):
    course = shelf.course(lessons_per_module=3)
    module = shelf.modules_of(course)[0]
    view = AddLesson(shelf.uow, shelf.clock)(
        shelf.owner_of(course), module.id, NewLesson(title="Warm-up", position=2)
    )
    assert view.lesson.position == 2
    lessons = shelf.lessons_of(module)
    assert titles(lessons) == ["Lesson 1.1", "Warm-up", "Lesson 1.2", "Lesson 1.3"]
    assert [lesson.position for lesson in lessons] == [1, 2, 3, 4]


def test_moving_a_lesson_down_and_editing_it(shelf):
    course = shelf.course(lessons_per_module=3)
    module = shelf.modules_of(course)[0]
    first = shelf.lessons_of(module)[0]
    view = UpdateLesson(shelf.uow, shelf.clock)(
        shelf.owner_of(course), first.id, {"position": 3, "title": "Recap", "is_preview": False}
    )
    assert (view.lesson.position, view.lesson.title, view.lesson.is_preview) == (3, "Recap", False)
    assert titles(shelf.lessons_of(module)) == ["Lesson 1.2", "Lesson 1.3", "Recap"]


def test_deleting_a_lesson_closes_the_gap_and_removes_its_files(shelf):
    course = shelf.course(lessons_per_module=3)
    module = shelf.modules_of(course)[0]
    first = shelf.lessons_of(module)[0]
    shelf.storage.files["f" * 32] = b"notes"
    shelf.uow.attachments.add(
        Attachment(
            lesson_id=first.id,
            course_id=course.id,
            filename="notes.txt",
            content_type="text/plain",
            size_bytes=5,
            storage_key="f" * 32,
            created_at=NOW,
        )
    )
    DeleteLesson(shelf.uow, shelf.storage)(shelf.owner_of(course), first.id)
    lessons = shelf.lessons_of(module)
    assert titles(lessons) == ["Lesson 1.2", "Lesson 1.3"]
    assert [lesson.position for lesson in lessons] == [1, 2]
    assert shelf.storage.files == {}


def test_another_instructor_cannot_add_or_change_lessons(shelf):
    course = shelf.course()
    module = shelf.modules_of(course)[0]
    lesson = shelf.lessons_of(module)[0]
    stranger = shelf.actor(Role.INSTRUCTOR)
    with pytest.raises(PermissionDenied):
        AddLesson(shelf.uow, shelf.clock)(stranger, module.id, NewLesson("Mine"))
    with pytest.raises(PermissionDenied):
        UpdateLesson(shelf.uow, shelf.clock)(stranger, lesson.id, {"title": "x"})
    assert len(shelf.lessons_of(module)) == 2 and lesson.title == "Lesson 1.1"
    assert shelf.cache.changes == []
