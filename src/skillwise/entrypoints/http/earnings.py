"""An instructor's earnings ledger."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import PaginationArgs, page_body, page_request
from skillwise.entrypoints.http.schemas.earnings import EarningsPageSchema

blp = Blueprint("earnings", __name__, url_prefix="/instructors", description="Earnings")


@blp.route("/earnings/")
class Earnings(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("listEarnings")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, EarningsPageSchema)
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_earnings=Provide[Container.payments.list_earnings]):
        """My ledger, newest first: each sale of my courses with the platform's fee and my
        net share, and each refund as the exact opposite; `totals` sums the whole ledger
        per currency."""
        statement = list_earnings(current_actor(), page_request(args))
        return {**page_body(statement.entries), "totals": statement.totals}
