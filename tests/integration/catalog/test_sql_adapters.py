"""The catalog's SQL repositories against both databases."""

import pytest

from skillwise.domain.catalog.attachments import Attachment
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.catalog.slugs import SlugTaken
from skillwise.domain.enrollments import EnrollmentStatus
from tests.factories import NOW, a_course

pytestmark = pytest.mark.integration


def an_attachment(course, lesson, key="0" * 32):
    return Attachment(
        lesson_id=lesson.id,
        course_id=course.id,
        filename="notes.pdf",
        content_type="application/pdf",
        size_bytes=10,
        storage_key=key,
        created_at=NOW,
    )


def test_modules_and_lessons_come_back_in_position_order(uow_factory, catalog):
    course = catalog.course(modules=3, lessons_per_module=3)
    with uow_factory() as uow:
        modules = uow.modules.list_for_course(course.id)
        lessons = uow.lessons.list_for_module(modules[0].id)
        count = uow.lessons.count_for_course(course.id)
    assert [m.title for m in modules] == ["Module 1", "Module 2", "Module 3"]
    assert [lesson.position for lesson in lessons] == [1, 2, 3]
    assert lessons[0].content.startswith("# Lesson 1.1") and lessons[0].is_preview
    assert count == 9


def test_positions_of_many_rows_are_saved_in_one_go(uow_factory, catalog):
    course = catalog.course(modules=3)
    with uow_factory() as uow:
        modules = uow.modules.list_for_course(course.id)
        for module, position in zip(modules, (3, 1, 2), strict=True):
            module.position = position
        uow.modules.save_positions(modules)
        uow.commit()
    with uow_factory() as uow:
        titles = [m.title for m in uow.modules.list_for_course(course.id)]
    assert titles == ["Module 2", "Module 3", "Module 1"]


def test_deleting_a_module_takes_its_lessons_and_attachment_records(uow_factory, catalog):
    course = catalog.course(modules=2, lessons_per_module=1)
    lesson = course.outline[0].lessons[0]
    attachment = an_attachment(course, lesson)
    with uow_factory() as uow:
        uow.attachments.add(attachment)
        uow.commit()
    with uow_factory() as uow:
        uow.modules.delete(course.outline[0].id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.lessons.get(lesson.id) is None
        assert uow.attachments.get(attachment.id) is None
        assert uow.lessons.count_for_course(course.id) == 1


def test_attachments_are_found_by_lessons_and_by_course(uow_factory, catalog):
    course = catalog.course(modules=1, lessons_per_module=2)
    first, second = course.lessons
    with uow_factory() as uow:
        uow.attachments.add(an_attachment(course, first, "a" * 32))
        uow.attachments.add(an_attachment(course, second, "b" * 32))
        uow.commit()
    with uow_factory() as uow:
        assert [a.storage_key for a in uow.attachments.list_for_lessons([first.id])] == ["a" * 32]
        assert uow.attachments.list_for_lessons([]) == []
        assert len(uow.attachments.list_for_course(course.id)) == 2


def test_taken_slugs_are_found_by_their_base(uow_factory, catalog):
    catalog.course(title="python basics")
    catalog.course(title="python basics 2")
    catalog.course(title="python basics-advanced")
    catalog.course(title="python")
    with uow_factory() as uow:
        taken = uow.courses.slugs_starting_with("python-basics")
    assert taken == {"python-basics", "python-basics-2", "python-basics-advanced"}


def test_a_course_that_other_rows_refer_to_is_not_deleted_and_the_transaction_goes_on(
    uow_factory, catalog
):
    course = catalog.course()
    catalog.enroll(catalog.user(), course, EnrollmentStatus.REFUNDED)
    with uow_factory() as uow:
        assert uow.courses.delete(course.id) is False
        stored = uow.courses.get(course.id)
        stored.move_to_status(CourseStatus.ARCHIVED, now=NOW, lesson_count=0)
        uow.courses.save(stored)
        uow.commit()
    assert catalog.stored_course(course.id).status is CourseStatus.ARCHIVED


def test_a_course_nothing_refers_to_is_deleted_with_its_outline(uow_factory, catalog):
    course = catalog.course(modules=2)
    with uow_factory() as uow:
        assert uow.courses.delete(course.id) is True
        uow.commit()
    with uow_factory() as uow:
        assert uow.courses.get(course.id) is None
        assert uow.modules.list_for_course(course.id) == []
        assert uow.lessons.count_for_course(course.id) == 0


def test_a_duplicate_slug_is_reported_as_slug_taken(uow_factory, catalog):
    existing = catalog.course(title="Unique title")
    clash = a_course(existing.instructor, title="Another")
    clash.slug = existing.course.slug
    with pytest.raises(SlugTaken), uow_factory() as uow:
        uow.courses.add(clash)
