"""Refund requests for admins: the queue, and the decision on each."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import page_body, page_of, page_request
from skillwise.entrypoints.http.schemas.refunds import (
    RefundRequestDecisionSchema,
    RefundRequestFilterArgs,
    RefundRequestSchema,
)

blp = Blueprint(
    "admin_refund_requests",
    __name__,
    url_prefix="/admin/refund-requests",
    description="Refund requests (admin)",
)


@blp.route("/")
class AdminRefundRequests(MethodView):
    @roles(Role.ADMIN)
    @operation("listRefundRequests")
    @blp.arguments(RefundRequestFilterArgs, location="query")
    @blp.response(200, page_of(RefundRequestSchema))
    @fails(422, "A bad status or page", "unprocessable_entity", "invalid_page", "invalid_page_size")
    @inject
    def get(self, args, list_refund_requests=Provide[Container.payments.list_refund_requests]):
        """Refund requests, oldest first; `?status=open` for those waiting for a decision."""
        return page_body(
            list_refund_requests(current_actor(), args.get("status"), page_request(args))
        )


@blp.route("/<uuid:request_id>/")
class AdminRefundRequestDecision(MethodView):
    @roles(Role.ADMIN)
    @operation("decideRefundRequest")
    @blp.arguments(RefundRequestDecisionSchema)
    @blp.response(200, RefundRequestSchema)
    @fails(404, "No such refund request", "refund_request_not_found")
    @fails(409, "It was decided already", "refund_request_decided")
    @fails(
        409,
        "Approved, but the payment is no longer refundable or nothing is left of it",
        "payment_not_refundable",
        "refund_exceeds_payment",
    )
    @fails(422, "A bad decision or a note too long", "unprocessable_entity")
    @fails(
        503,
        "The gateway could not be reached or refused; the refund is recorded as failed",
        "gateway_unavailable",
    )
    @inject
    def post(
        self,
        body,
        request_id,
        decide_refund_request=Provide[Container.payments.decide_refund_request],
    ):
        """Approve or reject a refund request.

        `approve` refunds what is left of the payment through its gateway, as
        `POST /admin/payments/{id}/refund/` does, before answering; `reject` refunds
        nothing. The buyer is notified of the decision either way.
        """
        return decide_refund_request(current_actor(), request_id, body["decision"], body["note"])
