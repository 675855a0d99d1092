"""Uniqueness and exact counters when many requests arrive at once (PostgreSQL row locks)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from skillwise.adapters.db.tables.core import enrollments, notifications
from skillwise.adapters.db.tables.learning import reports
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.learning.reports import ReportTargetType
from tests.integration.concurrency import all_at_once, count

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

THREADS = 10


def test_parallel_enrollments_of_one_student_leave_one_row_and_count_one(
    learning, container, uow_factory
):
    student, built = learning.user(), learning.course()
    actor = student.as_actor()

    results = all_at_once(
        [lambda: container.learning.enroll_in_course()(actor, built.id) for _ in range(THREADS)]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert [created for _, created in results].count(True) == 1
    assert len({view.id for view, _ in results}) == 1
    assert count(uow_factory, select(func.count()).select_from(enrollments)) == 1
    assert learning.stored_course(built.id).enrollment_count == 1


def test_parallel_reviews_by_ten_students_keep_the_rating_exact(learning, container, uow_factory):
    built = learning.course()
    students = [learning.user() for _ in range(THREADS)]
    for student in students:
        container.learning.enroll_in_course()(student.as_actor(), built.id)
    ratings = [(index % 5) + 1 for index in range(THREADS)]

    results = all_at_once(
        [
            lambda student=student, rating=rating: container.learning.post_review()(
                student.as_actor(), built.id, rating=rating
            )
            for student, rating in zip(students, ratings, strict=True)
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    course = learning.stored_course(built.id)
    assert (course.rating_count, course.rating_sum) == (THREADS, sum(ratings))
    assert course.rating_avg == round(sum(ratings) / THREADS, 2)


def test_parallel_rating_edits_each_move_the_sum_once(learning, container):
    built = learning.course()
    students = [learning.user() for _ in range(THREADS)]
    reviews = []
    for student in students:
        container.learning.enroll_in_course()(student.as_actor(), built.id)
        reviews.append(container.learning.post_review()(student.as_actor(), built.id, rating=1))

    all_at_once(
        [
            lambda student=student, review=review: container.learning.edit_review()(
                student.as_actor(), review.id, rating=5
            )
            for student, review in zip(students, reviews, strict=True)
        ]
    )

    course = learning.stored_course(built.id)
    assert (course.rating_count, course.rating_sum) == (THREADS, 5 * THREADS)


def test_finishing_the_last_lessons_at_once_completes_the_course_exactly_once(
    learning, container, uow_factory
):
    student, built = learning.user(), learning.course(modules=1, lessons_per_module=THREADS)
    actor = student.as_actor()
    enrollment, _ = container.learning.enroll_in_course()(actor, built.id)

    results = all_at_once(
        [
            lambda lesson=lesson: container.learning.record_progress()(
                actor, enrollment.id, lesson_id=lesson.id, completed=True
            )
            for lesson in built.lessons
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    final = container.learning.get_progress()(actor, built.id)
    assert final.percent == 100 and final.status is EnrollmentStatus.COMPLETED
    completions = select(func.count()).where(notifications.c.kind == "course_completed")
    assert count(uow_factory, completions) == 1


def test_the_same_report_filed_at_once_leaves_one_open_report(learning, container, uow_factory):
    reporter, built = learning.user(), learning.course()
    actor = reporter.as_actor()

    results = all_at_once(
        [
            lambda: container.learning.file_report()(
                actor, target_type=ReportTargetType.COURSE, target_id=built.id, reason="Spam"
            )
            for _ in range(THREADS)
        ]
    )

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == THREADS - 1
    assert {getattr(error, "code", None) for error in refused} == {"already_reported"}
    assert count(uow_factory, select(func.count()).select_from(reports)) == 1
