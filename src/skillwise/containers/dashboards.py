"""Dashboards: instructors' figures and the platform's analytics."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.db.queries.dashboards import SqlDashboardQueries
from skillwise.adapters.db.queries.exports import SqlExportQueries
from skillwise.application.dashboards.use_cases.export_earnings import ExportEarnings
from skillwise.application.dashboards.use_cases.export_payments import ExportPayments
from skillwise.application.dashboards.use_cases.get_course_analytics import GetCourseAnalytics
from skillwise.application.dashboards.use_cases.get_instructor_dashboard import (
    GetInstructorDashboard,
)
from skillwise.application.dashboards.use_cases.get_platform_analytics import GetPlatformAnalytics
from skillwise.application.dashboards.use_cases.list_course_students import ListCourseStudents


class DashboardsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    default_currency = infra.settings.provided.default_currency
    dashboard_queries = providers.Factory(
        SqlDashboardQueries,
        session_factory=infra.read_session_factory,
        default_currency=default_currency,
    )
    get_instructor_dashboard = providers.Factory(
        GetInstructorDashboard,
        queries=dashboard_queries,
        clock=infra.clock,
        default_currency=default_currency,
    )
    list_course_students = providers.Factory(
        ListCourseStudents, uow=infra.uow, queries=dashboard_queries
    )
    get_course_analytics = providers.Factory(
        GetCourseAnalytics, uow=infra.uow, queries=dashboard_queries, clock=infra.clock
    )
    get_platform_analytics = providers.Factory(
        GetPlatformAnalytics, queries=dashboard_queries, clock=infra.clock
    )

    export_queries = providers.Factory(
        SqlExportQueries, session_factory=infra.streaming_read_session_factory
    )
    export_payments = providers.Factory(ExportPayments, queries=export_queries, clock=infra.clock)
    export_earnings = providers.Factory(ExportEarnings, queries=export_queries, clock=infra.clock)
