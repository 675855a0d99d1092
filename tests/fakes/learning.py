"""In-memory fakes of the learning ports: progress, reviews, reports, payments seen by
enrollment, and the read-side queries (answered from a FakeUnitOfWork's rows)."""

from __future__ import annotations

import copy
from uuid import UUID

from skillwise.application.learning.ports import (
    EnrolledCourse,
    EnrollmentView,
    LessonProgressRepository,
    ProgressSummary,
    ReportRepository,
    ReviewRepository,
    ReviewView,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.people import PersonRef
from skillwise.domain.enrollments import access_of
from skillwise.domain.learning.progress import LessonProgress, LessonRef
from skillwise.domain.learning.reports import (
    DuplicateReport,
    Report,
    ReportStatus,
    ReportTargetType,
)
from skillwise.domain.learning.reviews import DuplicateReview, Review
from tests.fakes.base import DuplicateRow, FakeRepository


def _page(items: list, request: PageRequest) -> Page:
    return Page(
        items=items[request.offset : request.offset + request.page_size],
        total=len(items),
        request=request,
    )


class FakeLessonProgressRepository(FakeRepository, implements=LessonProgressRepository):
    """`outlines` stands in for the catalog's lessons: course id -> lessons in outline order."""

    def __init__(self) -> None:
        self.rows: dict[UUID, LessonProgress] = {}
        self.outlines: dict[UUID, list[LessonRef]] = {}

    def outline(self, course_id: UUID) -> list[LessonRef]:
        return list(self.outlines.get(course_id, []))

    def for_enrollment(self, enrollment_id: UUID) -> list[LessonProgress]:
        return [copy.copy(r) for r in self.rows.values() if r.enrollment_id == enrollment_id]

    def add(self, progress: LessonProgress) -> None:
        if any(
            (r.enrollment_id, r.lesson_id) == (progress.enrollment_id, progress.lesson_id)
            for r in self.rows.values()
        ):
            raise DuplicateRow("lesson_progress (enrollment_id, lesson_id)")
        self.rows[progress.id] = copy.copy(progress)

    def save(self, progress: LessonProgress) -> None:
        self.rows[progress.id] = copy.copy(progress)


class FakeReviewRepository(FakeRepository, implements=ReviewRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Review] = {}

    def add(self, review: Review) -> None:
        if self.get_for(review.user_id, review.course_id) is not None:
            raise DuplicateReview()
        self.rows[review.id] = copy.copy(review)

    def get(self, review_id: UUID) -> Review | None:
        row = self.rows.get(review_id)
        return copy.copy(row) if row else None

    get_for_update = get

    def get_for(self, user_id: UUID, course_id: UUID) -> Review | None:
        return next(
            (
                copy.copy(r)
                for r in self.rows.values()
                if r.user_id == user_id and r.course_id == course_id
            ),
            None,
        )

    def save(self, review: Review) -> None:
        self.rows[review.id] = copy.copy(review)

    def delete(self, review_id: UUID) -> None:
        self.rows.pop(review_id, None)


class FakeReportRepository(FakeRepository, implements=ReportRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Report] = {}

    def add(self, report: Report) -> None:
        if report.is_open and self.open_report_by(
            report.reporter_id, report.target_type, report.target_id
        ):
            raise DuplicateReport()
        self.rows[report.id] = copy.copy(report)

    def get_for_update(self, report_id: UUID) -> Report | None:
        row = self.rows.get(report_id)
        return copy.copy(row) if row else None

    def open_report_by(
        self, reporter_id: UUID, target_type: ReportTargetType, target_id: UUID
    ) -> Report | None:
        return next(
            (
                copy.copy(r)
                for r in self.rows.values()
                if (r.reporter_id, r.target_type, r.target_id)
                == (reporter_id, target_type, target_id)
                and r.is_open
            ),
            None,
        )

    def save(self, report: Report) -> None:
        self.rows[report.id] = copy.copy(report)

    def page(
        self,
        request: PageRequest,
        *,
        status: ReportStatus | None = None,
        target_type: ReportTargetType | None = None,
    ) -> Page[Report]:
        matching = sorted(
            (
                r
                for r in self.rows.values()
                if (status is None or r.status is status)
                and (target_type is None or r.target_type is target_type)
            ),
            key=lambda r: r.created_at,
            reverse=True,
        )
        return _page(matching, request)


class FakePaymentLookup:
    """Payments as enrollment sees them: which (user, course) pairs have paid."""

    def __init__(self) -> None:
        self.paid: set[tuple[UUID, UUID]] = set()

    def record_succeeded_payment(self, user_id: UUID, course_id: UUID) -> None:
        self.paid.add((user_id, course_id))

    def has_succeeded_payment(self, user_id: UUID, course_id: UUID) -> bool:
        return (user_id, course_id) in self.paid


class FakeLearningQueries:
    """The read models, computed from the committed rows of a FakeUnitOfWork."""

    def __init__(self, uow) -> None:
        self._uow = uow

    def _view(self, enrollment) -> EnrollmentView:
        course = self._uow.courses.rows[enrollment.course_id]
        instructor = self._uow.users.rows.get(course.instructor_id)
        lesson_ids = {lesson.id for lesson in self._uow.lesson_progress.outline(course.id)}
        done = sum(
            1
            for record in self._uow.lesson_progress.for_enrollment(enrollment.id)
            if record.completed and record.lesson_id in lesson_ids
        )
        access, suspension_reason = access_of(enrollment.status, enrollment.suspended_at)
        return EnrollmentView(
            id=enrollment.id,
            course=EnrolledCourse(
                id=course.id,
                title=course.title,
                slug=course.slug,
                thumbnail_url=course.thumbnail_url,
                instructor=PersonRef(
                    id=course.instructor_id, full_name=instructor.full_name if instructor else ""
                ),
            ),
            status=enrollment.status,
            started_at=enrollment.started_at,
            completed_at=enrollment.completed_at,
            progress=ProgressSummary(completed_lessons=done, total_lessons=len(lesson_ids)),
            access=access,
            suspension_reason=suspension_reason,
        )

    def enrollments_of(self, user_id: UUID, request: PageRequest) -> Page[EnrollmentView]:
        mine = sorted(
            (e for e in self._uow.enrollments.rows.values() if e.user_id == user_id),
            key=lambda e: e.started_at,
            reverse=True,
        )
        return _page([self._view(e) for e in mine], request)

    def enrollment_of(self, user_id: UUID, enrollment_id: UUID) -> EnrollmentView | None:
        enrollment = self._uow.enrollments.rows.get(enrollment_id)
        if enrollment is None or enrollment.user_id != user_id:
            return None
        return self._view(enrollment)

    def course_reviews(self, course_id: UUID, request: PageRequest) -> Page[ReviewView]:
        reviews = sorted(
            (r for r in self._uow.reviews.rows.values() if r.course_id == course_id),
            key=lambda r: r.created_at,
            reverse=True,
        )
        views = []
        for review in reviews:
            author = self._uow.users.rows.get(review.user_id)
            views.append(ReviewView.of(review, author.full_name if author else ""))
        return _page(views, request)
