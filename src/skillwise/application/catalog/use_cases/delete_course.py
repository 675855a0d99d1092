"""DeleteCourse: remove a course, or archive it when students or payments depend on it."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess, existing_detail
from skillwise.application.catalog.ports import CourseQueries, FileStorage
from skillwise.application.catalog.views import CourseDetail
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.identity import Actor


class DeleteCourse:
    """Deletes the course with its outline and files, for the owner or an admin.

    A course with students, or one that payments still refer to, is archived instead: it
    leaves the catalog but what was paid for stays. Returns None when the course was deleted
    and the archived course otherwise.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        queries: CourseQueries,
        storage: FileStorage,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._queries = queries
        self._storage = storage

    def __call__(self, actor: Actor, course_id: UUID) -> CourseDetail | None:
        now = self._clock.now()
        with self._uow as uow:
            course = CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(course_id)
            )
            files = [
                attachment.storage_key for attachment in uow.attachments.list_for_course(course.id)
            ]
            deleted = not course.has_students and uow.courses.delete(course.id)
            if not deleted:
                course.move_to_status(CourseStatus.ARCHIVED, now=now, lesson_count=0)
                uow.courses.save(course)
            uow.after_commit(CourseChanged(course_id))
            uow.commit()
        if not deleted:
            return existing_detail(self._queries, course_id)
        for key in files:
            self._storage.delete(key)
        return None
