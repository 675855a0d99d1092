"""Learning tables <-> lesson progress, reviews and reports."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import lessons, modules
from skillwise.adapters.db.tables.learning import OPEN_REPORTS, lesson_progress, reports, reviews
from skillwise.application.learning.ports import (
    LessonProgressRepository,
    ReportRepository,
    ReviewRepository,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.learning.progress import LessonProgress, LessonRef
from skillwise.domain.learning.reports import (
    DuplicateReport,
    Report,
    ReportStatus,
    ReportTargetType,
)
from skillwise.domain.learning.reviews import DuplicateReview, Review


def _progress_from_row(row: Any) -> LessonProgress:
    return LessonProgress(
        id=row.id,
        enrollment_id=row.enrollment_id,
        lesson_id=row.lesson_id,
        completed=row.completed,
        completed_at=row.completed_at,
        position_seconds=row.position_seconds,
        updated_at=row.updated_at,
    )


def _progress_values(progress: LessonProgress) -> dict[str, Any]:
    return {
        "completed": progress.completed,
        "completed_at": progress.completed_at,
        "position_seconds": progress.position_seconds,
        "updated_at": progress.updated_at,
    }


class SqlLessonProgressRepository(SqlRepository, implements=LessonProgressRepository):
    def outline(self, course_id: UUID) -> list[LessonRef]:
        rows = self._session.execute(
            select(lessons.c.id, lessons.c.duration_seconds)
            .join(modules, modules.c.id == lessons.c.module_id)
            .where(lessons.c.course_id == course_id)
            .order_by(modules.c.position, modules.c.id, lessons.c.position, lessons.c.id)
        )
        return [LessonRef(id=row.id, duration_seconds=row.duration_seconds) for row in rows]

    def for_enrollment(self, enrollment_id: UUID) -> list[LessonProgress]:
        rows = self._session.execute(
            select(lesson_progress).where(lesson_progress.c.enrollment_id == enrollment_id)
        )
        return [_progress_from_row(row) for row in rows]

    def add(self, progress: LessonProgress) -> None:
        self._session.execute(
            insert(lesson_progress).values(
                id=progress.id,
                enrollment_id=progress.enrollment_id,
                lesson_id=progress.lesson_id,
                **_progress_values(progress),
            )
        )

    def save(self, progress: LessonProgress) -> None:
        self._session.execute(
            update(lesson_progress)
            .where(lesson_progress.c.id == progress.id)
            .values(**_progress_values(progress))
        )


def _review_from_row(row: Any) -> Review:
    return Review(
        id=row.id,
        user_id=row.user_id,
        course_id=row.course_id,
        rating=row.rating,
        comment=row.comment,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class SqlReviewRepository(SqlRepository, implements=ReviewRepository):
    def add(self, review: Review) -> None:
        written = insert_unless_exists(
            self._session,
            reviews,
            {
                "id": review.id,
                "user_id": review.user_id,
                "course_id": review.course_id,
                "rating": review.rating,
                "comment": review.comment,
                "created_at": review.created_at,
                "updated_at": review.updated_at,
            },
            unique=("user_id", "course_id"),
        )
        if not written:
            raise DuplicateReview()

    def get(self, review_id: UUID) -> Review | None:
        row = self._session.execute(select(reviews).where(reviews.c.id == review_id)).first()
        return _review_from_row(row) if row else None

    def get_for_update(self, review_id: UUID) -> Review | None:
        query = select(reviews).where(reviews.c.id == review_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return _review_from_row(row) if row else None

    def get_for(self, user_id: UUID, course_id: UUID) -> Review | None:
        row = self._session.execute(
            select(reviews).where(reviews.c.user_id == user_id, reviews.c.course_id == course_id)
        ).first()
        return _review_from_row(row) if row else None

    def save(self, review: Review) -> None:
        self._session.execute(
            update(reviews)
            .where(reviews.c.id == review.id)
            .values(rating=review.rating, comment=review.comment, updated_at=review.updated_at)
        )

    def delete(self, review_id: UUID) -> None:
        self._session.execute(delete(reviews).where(reviews.c.id == review_id))


def _report_from_row(row: Any) -> Report:
    return Report(
        id=row.id,
        reporter_id=row.reporter_id,
        target_type=ReportTargetType(row.target_type),
        target_id=row.target_id,
        reason=row.reason,
        status=ReportStatus(row.status),
        created_at=row.created_at,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution_note=row.resolution_note,
    )


class SqlReportRepository(SqlRepository, implements=ReportRepository):
    def add(self, report: Report) -> None:
        written = insert_unless_exists(
            self._session,
            reports,
            {
                "id": report.id,
                "reporter_id": report.reporter_id,
                "target_type": report.target_type.value,
                "target_id": report.target_id,
                "reason": report.reason,
                "status": report.status.value,
                "created_at": report.created_at,
                "resolved_at": report.resolved_at,
                "resolved_by": report.resolved_by,
                "resolution_note": report.resolution_note,
            },
            unique=("reporter_id", "target_type", "target_id"),
            where=OPEN_REPORTS,
        )
        if not written:
            raise DuplicateReport()

    def get_for_update(self, report_id: UUID) -> Report | None:
        query = select(reports).where(reports.c.id == report_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return _report_from_row(row) if row else None

    def open_report_by(
        self, reporter_id: UUID, target_type: ReportTargetType, target_id: UUID
    ) -> Report | None:
        row = self._session.execute(
            select(reports).where(
                reports.c.reporter_id == reporter_id,
                reports.c.target_type == target_type.value,
                reports.c.target_id == target_id,
                reports.c.status == ReportStatus.OPEN.value,
            )
        ).first()
        return _report_from_row(row) if row else None

    def save(self, report: Report) -> None:
        self._session.execute(
            update(reports)
            .where(reports.c.id == report.id)
            .values(
                status=report.status.value,
                resolved_at=report.resolved_at,
                resolved_by=report.resolved_by,
                resolution_note=report.resolution_note,
            )
        )

    def page(
        self,
        request: PageRequest,
        *,
        status: ReportStatus | None = None,
        target_type: ReportTargetType | None = None,
    ) -> Page[Report]:
        conditions = []
        if status is not None:
            conditions.append(reports.c.status == status.value)
        if target_type is not None:
            conditions.append(reports.c.target_type == target_type.value)
        total = self._session.execute(
            select(func.count()).select_from(reports).where(*conditions)
        ).scalar_one()
        rows = self._session.execute(
            select(reports)
            .where(*conditions)
            .order_by(reports.c.created_at.desc(), reports.c.id.desc())
            .limit(request.page_size)
            .offset(request.offset)
        )
        return Page(items=[_report_from_row(row) for row in rows], total=total, request=request)
