"""Who may see a course, change it, and read its lessons.

The rules themselves are the domain's (`Course.is_visible_to`, `lesson_content_is_open_to`);
this module feeds them the one fact the domain cannot know, whether the caller holds an
enrollment that grants access, and looks it up only when the answer depends on it.
"""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.ports import CourseQueries
from skillwise.application.catalog.views import CourseDetail
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.catalog.outline import Lesson, lesson_content_is_open_to
from skillwise.domain.errors import (
    AuthenticationRequired,
    CourseNotFound,
    NotFound,
    PermissionDenied,
)
from skillwise.domain.identity import Actor


def existing_detail(queries: CourseQueries, course_id: UUID) -> CourseDetail:
    """The course detail as just committed (NotFound should a concurrent delete win)."""
    detail = queries.course_detail(course_id)
    if detail is None:
        raise CourseNotFound()
    return detail


class CatalogAccess:
    """The access rules for one caller within one unit of work."""

    def __init__(self, uow: UnitOfWork, actor: Actor | None) -> None:
        self._uow = uow
        self._actor = actor
        self._enrolled: dict[UUID, bool] = {}

    def is_enrolled_in(self, course_id: UUID) -> bool:
        if self._actor is None:
            return False
        if course_id not in self._enrolled:
            enrollment = self._uow.enrollments.get_for(self._actor.user_id, course_id)
            self._enrolled[course_id] = enrollment is not None and enrollment.grants_access
        return self._enrolled[course_id]

    def may_see(self, course: Course) -> bool:
        return course.is_visible_to(self._actor) or course.is_visible_to(
            self._actor, enrolled=self.is_enrolled_in(course.id)
        )

    def visible_course(self, course: Course | None, missing: NotFound | None = None) -> Course:
        """The course, or NotFound (`missing`, when given) when it does not exist or is hidden
        from the caller."""
        if course is None or not self.may_see(course):
            raise missing or CourseNotFound()
        return course

    def editable_course(self, course: Course | None, missing: NotFound | None = None) -> Course:
        """The course when the caller owns it or is an admin. Others get NotFound when they may
        not see it (a draft stays secret) and PermissionDenied when they may."""
        if course is not None and course.may_be_edited_by(self._actor):
            return course
        self.visible_course(course, missing)
        raise PermissionDenied(
            "Only the course's instructor or an admin may change it.", code="not_course_owner"
        )

    def may_read(self, course: Course, lesson: Lesson) -> bool:
        if lesson_content_is_open_to(course, lesson, self._actor, enrolled=False):
            return True
        return lesson_content_is_open_to(
            course, lesson, self._actor, enrolled=self.is_enrolled_in(course.id)
        )

    def ensure_may_read(self, course: Course, lesson: Lesson) -> None:
        """Guests are asked to sign in (401); signed-in callers without access get 403."""
        if self.may_read(course, lesson):
            return
        if self._actor is None:
            raise AuthenticationRequired(
                "Sign in to read this lesson.", code="authentication_required"
            )
        enrollment = self._uow.enrollments.get_for(self._actor.user_id, course.id)
        if enrollment is not None and enrollment.is_suspended:
            # A disputed payment holds access: say so rather than "enroll".
            enrollment.require_access()
        raise PermissionDenied("Enroll in this course to read its lessons.", code="not_enrolled")
