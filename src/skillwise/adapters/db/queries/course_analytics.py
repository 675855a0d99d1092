"""One course's activity in four grouped statements, whatever its number of students."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from skillwise.adapters.db.queries.insights import by_day
from skillwise.adapters.db.tables.core import enrollments, lessons, modules
from skillwise.adapters.db.tables.learning import lesson_progress, reviews
from skillwise.application.dashboards.ports import CourseActivity, LessonCompletion
from skillwise.application.dashboards.window import Window

# A refunded enrollment is no longer a student of the course; a suspended one still is.
_HAS_ACCESS = enrollments.c.status != "refunded"


def course_activity(session: Session, course_id: UUID, window: Window) -> CourseActivity:
    of_course = enrollments.c.course_id == course_id
    students, completed = session.execute(
        select(func.count(), func.count(case((enrollments.c.status == "completed", 1)))).where(
            of_course, _HAS_ACCESS
        )
    ).one()
    done = (
        select(lesson_progress.c.lesson_id, func.count().label("students"))
        .join(enrollments, enrollments.c.id == lesson_progress.c.enrollment_id)
        .where(of_course, _HAS_ACCESS, lesson_progress.c.completed)
        .group_by(lesson_progress.c.lesson_id)
        .subquery()
    )
    outline = session.execute(
        select(lessons.c.id, lessons.c.title, func.coalesce(done.c.students, 0))
        .join(modules, modules.c.id == lessons.c.module_id)
        .outerjoin(done, done.c.lesson_id == lessons.c.id)
        .where(lessons.c.course_id == course_id)
        .order_by(modules.c.position, lessons.c.position, lessons.c.id)
    ).all()
    ratings = session.execute(
        select(reviews.c.rating, func.count())
        .where(reviews.c.course_id == course_id)
        .group_by(reviews.c.rating)
    ).all()
    return CourseActivity(
        students=students,
        completed=completed,
        enrollments_by_day=by_day(session, enrollments.c.started_at, window, of_course),
        lessons=[LessonCompletion(id_, title, int(n)) for id_, title, n in outline],
        ratings={int(rating): count for rating, count in ratings},
    )
