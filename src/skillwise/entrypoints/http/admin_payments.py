"""Payments for admins: every payment, its audit trail, reviews of held payments, refunds."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.application.payments.ports import PaymentFilters
from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import page_body, page_of, page_request
from skillwise.entrypoints.http.schemas.payments import (
    AdminPaymentDetailSchema,
    AdminPaymentSchema,
    PaymentFilterArgs,
    ReviewDecisionSchema,
)
from skillwise.entrypoints.http.schemas.refunds import RefundSchema

blp = Blueprint(
    "admin_payments", __name__, url_prefix="/admin/payments", description="Payments (admin)"
)


@blp.route("/")
class AdminPayments(MethodView):
    @roles(Role.ADMIN)
    @operation("listPayments")
    @blp.arguments(PaymentFilterArgs, location="query")
    @blp.response(200, page_of(AdminPaymentSchema))
    @fails(
        422,
        "created_from after created_to, or a bad filter",
        "unprocessable_entity",
        "invalid_date_range",
    )
    @inject
    def get(self, args, list_payments=Provide[Container.payments.list_payments]):
        """All payments, newest first; filter by status, gateway, user, course and
        creation time (`created_from` inclusive, `created_to` exclusive)."""
        filters = PaymentFilters(
            status=args.get("status"),
            gateway=args.get("gateway"),
            user_id=args.get("user_id"),
            course_id=args.get("course_id"),
            created_from=args.get("created_from"),
            created_to=args.get("created_to"),
            needs_review=args.get("needs_review"),
        )
        return page_body(list_payments(current_actor(), filters, page_request(args)))


@blp.route("/<uuid:payment_id>/")
class AdminPaymentDetail(MethodView):
    @roles(Role.ADMIN)
    @operation("getPaymentAudit")
    @blp.response(200, AdminPaymentDetailSchema)
    @fails(404, "No such payment", "payment_not_found")
    @inject
    def get(self, payment_id, get_payment_audit=Provide[Container.payments.get_payment_audit]):
        """One payment with every gateway event about it and what each one did."""
        return get_payment_audit(current_actor(), payment_id)


@blp.route("/<uuid:payment_id>/refund/")
class AdminRefund(MethodView):
    @roles(Role.ADMIN)
    @operation("refundPayment")
    @blp.arguments(RefundSchema)
    @blp.response(200, AdminPaymentSchema)
    @fails(404, "No such payment", "payment_not_found")
    @fails(
        409,
        "The payment has not succeeded, so there is nothing to refund",
        "payment_not_refundable",
    )
    @fails(
        409,
        "The refunds would add up to more than was paid (pending ones count)",
        "refund_exceeds_payment",
    )
    @fails(
        422,
        "A reason too long, an amount below 1, or in another currency than the payment's",
        "unprocessable_entity",
        "currency_mismatch",
    )
    @fails(
        503,
        "The gateway could not be reached or refused; the refund is recorded as failed",
        "gateway_unavailable",
    )
    @inject
    def post(self, body, payment_id, refund_payment=Provide[Container.payments.refund_payment]):
        """Refund a payment, in full or in part (`amount`), through its gateway.

        Each call is a new refund, recorded with the payment and asked of the gateway before
        this answers. Refunds settle at the gateway's pace: a `pending` refund keeps the
        buyer's access. Once it succeeds the instructor's earning shrinks by its share and
        the buyer is told; refunded in full, the payment becomes `refunded` and the access
        ends. A refund that fails or is canceled leaves the payment succeeded and tells the
        admin who asked. Without `amount`, a payment refunded in full answers as it is.
        """
        return refund_payment(
            current_actor(),
            payment_id,
            body["reason"],
            amount_minor=body["amount"],
            currency=body["currency"],
        )


@blp.route("/<uuid:payment_id>/review/")
class AdminPaymentReview(MethodView):
    @roles(Role.ADMIN)
    @operation("reviewHeldPayment")
    @blp.arguments(ReviewDecisionSchema)
    @blp.response(200, AdminPaymentSchema)
    @fails(404, "No such payment", "payment_not_found")
    @fails(409, "The payment is not pending and held for review", "not_held_for_review")
    @fails(409, "It was decided the other way", "already_reviewed")
    @fails(
        422,
        "A rejection without a note, or a note too long",
        "unprocessable_entity",
        "note_required",
        "note_too_long",
    )
    @inject
    def post(
        self, body, payment_id, review_held_payment=Provide[Container.payments.review_held_payment]
    ):
        """Decide a payment held for review (a gateway's risk hold or a mismatched amount).

        `approve`, once the money is confirmed at the gateway, succeeds the payment as a
        gateway success would: the buyer is enrolled, the invoice, the instructor's earning,
        the notifications and the emailed receipt follow. `reject` (a `note` is required)
        fails it and tells the buyer; nothing is granted and no money is moved at the
        gateway. The decision, the admin and the note join the payment's audit trail. The
        same decision repeated answers the payment as it is.
        """
        return review_held_payment(
            current_actor(), payment_id, decision=body["decision"], note=body["note"]
        )
