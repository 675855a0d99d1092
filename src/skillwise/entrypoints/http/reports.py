"""Content reports: users flag courses, reviews and users; admins decide."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import page_body, page_of, page_request
from skillwise.entrypoints.http.schemas.learning import (
    ReportCreateSchema,
    ReportDecisionSchema,
    ReportFilterArgs,
    ReportSchema,
)

blp = Blueprint("reports", __name__, description="Content reports")


@blp.route("/reports/")
class Reports(MethodView):
    @signed_in
    @operation("createReport")
    @blp.arguments(ReportCreateSchema)
    @blp.response(201, ReportSchema)
    @fails(404, "No such course, review or user", "target_not_found")
    @fails(409, "I already have an open report about it", "already_reported")
    @fails(422, "Not valid: see `errors`", "unprocessable_entity", "invalid_reason")
    @inject
    def post(self, report, file_report=Provide[Container.learning.file_report]):
        """Report a course, a review or a user to the admins."""
        return file_report(current_actor(), **report)


@blp.route("/admin/reports/")
class AdminReports(MethodView):
    @roles(Role.ADMIN)
    @operation("listReports")
    @blp.arguments(ReportFilterArgs, location="query")
    @blp.response(200, page_of(ReportSchema))
    @fails(422, "A filter or the page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_reports=Provide[Container.learning.list_reports]):
        """Reports, newest first; filter by `status` and `target_type`."""
        page = list_reports(
            current_actor(),
            page_request(args),
            status=args.get("status"),
            target_type=args.get("target_type"),
        )
        return page_body(page)


@blp.route("/admin/reports/<uuid:report_id>/")
class AdminReportDetail(MethodView):
    @roles(Role.ADMIN)
    @operation("resolveReport")
    @blp.arguments(ReportDecisionSchema)
    @blp.response(200, ReportSchema)
    @fails(404, "No such report", "report_not_found")
    @fails(409, "Decided already", "report_closed")
    @fails(
        422,
        "Not valid: see `errors`",
        "unprocessable_entity",
        "invalid_status",
        "invalid_resolution_note",
    )
    @inject
    def patch(self, decision, report_id, resolve_report=Provide[Container.learning.resolve_report]):
        """Close an open report as resolved or dismissed; the reporter is notified."""
        return resolve_report(current_actor(), report_id, **decision)
