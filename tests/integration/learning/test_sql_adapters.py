"""The learning repositories and queries against SQLite and PostgreSQL."""

from datetime import timedelta
from uuid import uuid4

import pytest
from sqlalchemy import delete

from skillwise.adapters.db.tables.core import lessons
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.enrollments import DuplicateEnrollment, Enrollment
from skillwise.domain.identity import Role
from skillwise.domain.learning.progress import LessonProgress
from skillwise.domain.learning.reports import (
    DuplicateReport,
    Report,
    ReportStatus,
    ReportTargetType,
)
from skillwise.domain.learning.reviews import DuplicateReview, Review
from skillwise.domain.notifications import Notification
from tests.factories import NOW
from tests.integration.builders import store_outline

pytestmark = pytest.mark.integration


def enroll(uow_factory, student, built):
    enrollment = Enrollment(user_id=student.id, course_id=built.id, started_at=NOW, updated_at=NOW)
    with uow_factory() as uow:
        uow.enrollments.add(enrollment)
        uow.commit()
    return enrollment


def test_the_outline_lists_lessons_by_module_then_lesson_position(learning, uow_factory):
    built = learning.course(modules=1, lessons_per_module=2)
    earlier_module = Module(course_id=built.id, title="Prologue", position=0)
    earlier_module.lessons = [
        Lesson(
            module_id=earlier_module.id,
            course_id=built.id,
            title=f"Prologue {position}",
            position=position,
            created_at=NOW,
            updated_at=NOW,
            duration_seconds=60 * position,
        )
        for position in (2, 1)
    ]
    with uow_factory() as uow:
        store_outline(uow, [earlier_module])
        uow.commit()

    with uow_factory() as uow:
        outline = uow.lesson_progress.outline(built.id)

    prologue_second, prologue_first = earlier_module.lessons
    assert [lesson.id for lesson in outline] == [
        prologue_first.id,
        prologue_second.id,
        *(lesson.id for lesson in built.lessons),
    ]
    assert [lesson.duration_seconds for lesson in outline] == [60, 120, 300, 300]


def test_progress_rows_come_back_whole_and_a_deleted_lesson_takes_its_row_along(
    learning, uow_factory
):
    built = learning.course()
    enrollment = enroll(uow_factory, learning.user(), built)
    first, second = built.lessons[:2]
    with uow_factory() as uow:
        for lesson in (first, second):
            uow.lesson_progress.add(
                LessonProgress(
                    enrollment_id=enrollment.id,
                    lesson_id=lesson.id,
                    updated_at=NOW,
                    completed=True,
                    completed_at=NOW,
                    position_seconds=30,
                )
            )
        uow.commit()
    with uow_factory() as uow:
        uow.session.execute(delete(lessons).where(lessons.c.id == second.id))
        uow.commit()

    with uow_factory() as uow:
        rows = uow.lesson_progress.for_enrollment(enrollment.id)

    assert [(r.lesson_id, r.completed, r.completed_at, r.position_seconds) for r in rows] == [
        (first.id, True, NOW, 30)
    ]


def test_a_second_enrollment_of_one_user_in_one_course_is_refused_and_the_transaction_lives_on(
    learning, uow_factory
):
    student, built = learning.user(), learning.course()
    existing = enroll(uow_factory, student, built)

    with uow_factory() as uow:
        with pytest.raises(DuplicateEnrollment):
            uow.enrollments.add(
                Enrollment(user_id=student.id, course_id=built.id, started_at=NOW, updated_at=NOW)
            )
        assert uow.enrollments.get_for(student.id, built.id).id == existing.id


def test_a_second_review_by_one_user_of_one_course_is_refused(learning, uow_factory):
    student, built = learning.user(), learning.course()

    def review(rating):
        return Review(
            user_id=student.id, course_id=built.id, rating=rating, created_at=NOW, updated_at=NOW
        )

    with uow_factory() as uow:
        uow.reviews.add(review(5))
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(DuplicateReview):
            uow.reviews.add(review(1))
        assert uow.reviews.get_for(student.id, built.id).rating == 5


def test_only_one_open_report_per_reporter_and_target_but_closed_ones_may_pile_up(
    learning, uow_factory
):
    reporter, built = learning.user(), learning.course()

    def report():
        return Report.file(
            reporter_id=reporter.id,
            target_type=ReportTargetType.COURSE,
            target_id=built.id,
            reason="Spam",
            now=NOW,
        )

    first = report()
    with uow_factory() as uow:
        uow.reports.add(first)
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(DuplicateReport):
            uow.reports.add(report())
        closed = uow.reports.get_for_update(first.id)
        closed.close(ReportStatus.RESOLVED, note="", by=reporter.id, now=NOW)
        uow.reports.save(closed)
        uow.reports.add(report())
        uow.commit()

    with uow_factory() as uow:
        page = uow.reports.page(PageRequest(), target_type=ReportTargetType.COURSE)
        still_open = uow.reports.page(PageRequest(), status=ReportStatus.OPEN)
    assert page.total == 2
    assert still_open.total == 1 and still_open.items[0].id != first.id


def test_notifications_page_newest_first_count_unread_and_mark_all_read(learning, uow_factory):
    me, someone = learning.user(), learning.user()
    with uow_factory() as uow:
        for minutes, user in ((0, me), (1, me), (2, me), (3, someone)):
            uow.notifications.add(
                Notification(
                    user_id=user.id,
                    kind="enrollment",
                    title=f"at {minutes}",
                    data={"n": minutes},
                    created_at=NOW + timedelta(minutes=minutes),
                )
            )
        uow.commit()

    with uow_factory() as uow:
        page = uow.notifications.page_for(me.id, PageRequest(page=1, page_size=2))
        assert [n.title for n in page.items] == ["at 2", "at 1"] and page.total == 3
        assert uow.notifications.unread_count(me.id) == 3
        assert uow.notifications.mark_all_read(me.id, NOW) == 3
        uow.commit()
    with uow_factory() as uow:
        assert uow.notifications.unread_count(me.id) == 0
        assert uow.notifications.unread_count(someone.id) == 1
        assert uow.notifications.page_for(me.id, PageRequest(), unread_only=True).total == 0


def test_enrollment_views_carry_course_instructor_and_progress(learning, uow_factory, container):
    instructor = learning.user(Role.INSTRUCTOR, full_name="Ada Lovelace")
    student = learning.user()
    built = learning.course(instructor, modules=1, lessons_per_module=3)
    enrollment = enroll(uow_factory, student, built)
    with uow_factory() as uow:
        uow.lesson_progress.add(
            LessonProgress(
                enrollment_id=enrollment.id,
                lesson_id=built.lessons[0].id,
                updated_at=NOW,
                completed=True,
                completed_at=NOW,
            )
        )
        uow.commit()
    queries = container.learning.learning_queries()

    view = queries.enrollment_of(student.id, enrollment.id)

    assert view.course.title == built.course.title
    assert view.course.instructor.full_name == "Ada Lovelace"
    assert (view.progress.completed_lessons, view.progress.total_lessons) == (1, 3)
    assert view.progress.percent == 33
    assert queries.enrollment_of(uuid4(), enrollment.id) is None


def test_a_page_of_enrollments_costs_the_same_statements_however_many_it_holds(
    learning, uow_factory, container, count_statements
):
    queries = container.learning.learning_queries()
    few, many = learning.user(), learning.user()
    enroll(uow_factory, few, learning.course())
    for _ in range(6):
        enroll(uow_factory, many, learning.course())

    with count_statements() as for_one:
        assert queries.enrollments_of(few.id, PageRequest()).total == 1
    with count_statements() as for_six:
        assert len(queries.enrollments_of(many.id, PageRequest()).items) == 6

    assert for_one.count == for_six.count
