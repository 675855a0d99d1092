"""Learning: enrollment, progress, reviews and content reports."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.db.queries.learning import SqlLearningQueries
from skillwise.application.learning.use_cases.delete_review import DeleteReview
from skillwise.application.learning.use_cases.edit_review import EditReview
from skillwise.application.learning.use_cases.enroll_in_course import EnrollInCourse
from skillwise.application.learning.use_cases.file_report import FileReport
from skillwise.application.learning.use_cases.get_enrollment import GetEnrollment
from skillwise.application.learning.use_cases.get_progress import GetProgress
from skillwise.application.learning.use_cases.list_enrollments import ListEnrollments
from skillwise.application.learning.use_cases.list_reports import ListReports
from skillwise.application.learning.use_cases.list_reviews import ListReviews
from skillwise.application.learning.use_cases.post_review import PostReview
from skillwise.application.learning.use_cases.record_progress import RecordProgress
from skillwise.application.learning.use_cases.resolve_report import ResolveReport


class LearningContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    uow = infra.uow
    clock = infra.clock

    learning_queries = providers.Factory(
        SqlLearningQueries, session_factory=infra.read_session_factory
    )
    enroll_in_course = providers.Factory(
        EnrollInCourse,
        uow=uow,
        clock=clock,
        # It answers with the enrollment it has just committed: a replica may not have it yet.
        queries=providers.Factory(SqlLearningQueries, session_factory=infra.session_factory),
    )
    list_enrollments = providers.Factory(ListEnrollments, queries=learning_queries)
    get_enrollment = providers.Factory(GetEnrollment, queries=learning_queries)
    record_progress = providers.Factory(RecordProgress, uow=uow, clock=clock)
    get_progress = providers.Factory(GetProgress, uow=uow)
    post_review = providers.Factory(PostReview, uow=uow, clock=clock)
    list_reviews = providers.Factory(ListReviews, uow=uow, queries=learning_queries)
    edit_review = providers.Factory(EditReview, uow=uow, clock=clock)
    delete_review = providers.Factory(DeleteReview, uow=uow)
    file_report = providers.Factory(FileReport, uow=uow, clock=clock)
    list_reports = providers.Factory(ListReports, uow=uow)
    resolve_report = providers.Factory(ResolveReport, uow=uow, clock=clock)
