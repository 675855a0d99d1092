"""LinkLessonVideo: a short-lived link to a lesson's uploaded video, for whoever may read it."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.catalog.uploads import DirectUploadStorage, direct_uploads
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import LessonNotFound, NotFound
from skillwise.domain.identity import Actor


class LinkLessonVideo:
    """The same rule as ReadLesson decides; the link expires after `link_seconds`, so a copied
    link stops working soon after access ends."""

    def __init__(
        self, uow: UnitOfWork, storage: DirectUploadStorage | None, link_seconds: int
    ) -> None:
        self._uow = uow
        self._storage = storage
        self._link_seconds = link_seconds

    def __call__(self, actor: Actor | None, lesson_id: UUID) -> str:
        storage = direct_uploads(self._storage)
        with self._uow as uow:
            lesson = uow.lessons.get(lesson_id)
            if lesson is None:
                raise LessonNotFound()
            access = CatalogAccess(uow, actor)
            course = access.visible_course(uow.courses.get(lesson.course_id), LessonNotFound())
            access.ensure_may_read(course, lesson)
            video = uow.uploads.current_video(lesson.id)
        if video is None:
            raise NotFound("This lesson has no uploaded video.", code="video_not_found")
        return storage.presigned_download(
            video.storage_key, expires_in=self._link_seconds, filename=video.filename
        )
