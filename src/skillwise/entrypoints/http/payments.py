"""Buying courses: starting a payment, the gateways' webhooks, history and invoices."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import Response, request
from flask.views import MethodView

from skillwise.application.payments.gateway import WebhookRequest
from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, public, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation, operations
from skillwise.entrypoints.http.coupons import COUPON_REFUSED
from skillwise.entrypoints.http.examples import CHECKOUTS, PAYMENT_REQUESTS
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.earnings import InvoiceArgs, InvoiceSchema
from skillwise.entrypoints.http.schemas.payments import (
    CheckoutSchema,
    IdempotencyHeaderSchema,
    PaymentCreateSchema,
    PaymentSchema,
    WebhookReceiptSchema,
)
from skillwise.entrypoints.http.schemas.refunds import (
    RefundRequestCreateSchema,
    RefundRequestSchema,
)

blp = Blueprint("payments", __name__, url_prefix="/payments", description="Buying courses")

PDF = "application/pdf"

_WEBHOOK_BODY = {
    "description": "Exactly as the gateway sent it: JSON (Stripe, fake) or a form (SSLCOMMERZ).",
    "content": {
        "application/json": {"schema": {"type": "object"}},
        "application/x-www-form-urlencoded": {"schema": {"type": "object"}},
    },
}


def incoming_webhook() -> WebhookRequest:
    """The request as received: signatures are computed over the raw body, so it is read
    (and kept) before any form parsing."""
    body = request.get_data(cache=True)
    return WebhookRequest(
        headers={name.lower(): value for name, value in request.headers.items()},
        body=body,
        form=request.form.to_dict(),
    )


@blp.route("/create/")
class CreatePayment(MethodView):
    @signed_in
    @operation("createPayment")
    @blp.arguments(PaymentCreateSchema, examples=PAYMENT_REQUESTS)
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.response(201, CheckoutSchema, examples=CHECKOUTS)
    @fails(
        403,
        "Email not verified, or the caller teaches this course",
        "email_not_verified",
        "own_course",
    )
    @fails(
        404,
        "No such course (or the buyer's account is gone)",
        "course_not_found",
        "account_not_found",
    )
    @fails(409, "The caller already owns this course", "already_enrolled")
    @fails(
        422,
        "Not valid, a free or unpublished course, a gateway not switched on, a price the "
        "gateway does not charge (currency, range or exact amount: retrying will not help), "
        "or an Idempotency-Key reused for another course",
        "unprocessable_entity",
        "course_is_free",
        "course_not_published",
        "unknown_gateway",
        "currency_not_supported",
        "amount_out_of_range",
        "amount_not_chargeable",
        "idempotency_key_reused",
    )
    @fails(422, "The coupon cannot be used here (the reason says why)", *COUPON_REFUSED)
    @fails(503, "The gateway could not be reached; retry", "gateway_unavailable")
    @inject
    def post(self, body, headers, start_payment=Provide[Container.payments.start_payment]):
        """Start paying for a course.

        The amount and currency are the course's price now, whatever the client sends. The
        answer carries what the app needs to collect the money: `client_secret`,
        `publishable_key`, `customer` and `ephemeral_key` for Stripe's PaymentSheet, or a
        `checkout_url` to open (SSLCOMMERZ, the fake gateway). The course is enrolled once
        the gateway confirms the payment; poll `/payments/{id}/`.

        Sending the same `Idempotency-Key` again returns the same payment; without a key, an
        open payment for the same course and gateway is returned rather than a second one.

        With `coupon`, `amount` is the total after its discount and the payment holds one use
        of the coupon until it fails, is canceled or expires. A coupon that takes the whole
        price off enrolls me at once: 201 with `status` `succeeded` and a zero invoice.
        """
        return start_payment(
            current_actor(),
            body["course_id"],
            gateway=body["gateway"],
            idempotency_key=headers["idempotency_key"],
            coupon=body["coupon"],
        )


@blp.route("/history/")
class PaymentHistory(MethodView):
    @signed_in
    @operation("listPaymentHistory")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(PaymentSchema))
    @fails(422, "The page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_payment_history=Provide[Container.payments.list_payment_history]):
        """My payments, newest first."""
        return page_body(list_payment_history(current_actor(), page_request(args)))


@blp.route("/<uuid:payment_id>/")
class PaymentDetail(MethodView):
    @signed_in
    @operation("getPayment")
    @blp.response(200, PaymentSchema)
    @fails(404, "No such payment of mine", "payment_not_found")
    @inject
    def get(self, payment_id, get_payment=Provide[Container.payments.get_payment]):
        """One of my payments (the app polls it after the checkout)."""
        return get_payment(current_actor(), payment_id)


@blp.route("/<uuid:payment_id>/refund-request/")
class PaymentRefundRequest(MethodView):
    @signed_in
    @operation("requestRefund")
    @blp.arguments(RefundRequestCreateSchema)
    @blp.response(201, RefundRequestSchema)
    @fails(404, "No such payment of mine", "payment_not_found")
    @fails(409, "The payment has not succeeded", "payment_not_refundable")
    @fails(409, "A request for this payment waits for a decision", "refund_request_open")
    @fails(
        422,
        "Too long since paying, too much of the course done, or no reason given",
        "refund_window_closed",
        "too_much_progress",
        "unprocessable_entity",
        "invalid_reason",
    )
    @inject
    def post(self, body, payment_id, request_refund=Provide[Container.payments.request_refund]):
        """Ask for my money back.

        Allowed within `SKILLWISE_REFUND_WINDOW_DAYS` (30) of paying and before
        `SKILLWISE_REFUND_MAX_PROGRESS_PERCENT` (30%) of the course is done; one request
        per payment waits for an admin's decision at a time. I am notified of the decision
        (`refund_request_approved`, `refund_request_rejected`) and, once the money is back,
        `payment_refunded`.
        """
        return request_refund(current_actor(), payment_id, body["reason"])


@blp.route("/invoices/<uuid:invoice_id>/")
class InvoiceDetail(MethodView):
    @signed_in
    @operation("getInvoice")
    @blp.arguments(InvoiceArgs, location="query")
    @blp.response(200, InvoiceSchema)
    @blp.alt_response(
        200,
        schema={"type": "string", "format": "binary"},
        content_type=PDF,
        description="The invoice: JSON by default; with `?format=pdf` or "
        "`Accept: application/pdf`, the PDF document (binary, `Content-Disposition: inline`)",
        success=True,
    )
    @fails(404, "No such invoice of mine", "invoice_not_found")
    @fails(422, "A format other than json or pdf", "unprocessable_entity")
    @inject
    def get(
        self,
        args,
        invoice_id,
        get_invoice=Provide[Container.payments.get_invoice],
        get_invoice_pdf=Provide[Container.payments.get_invoice_pdf],
    ):
        """An invoice of mine (admins: any), as JSON, or as a PDF with `?format=pdf` or
        `Accept: application/pdf`."""
        wants_pdf = args.get("format") == "pdf" or (
            args.get("format") is None
            and request.accept_mimetypes.best_match(["application/json", PDF]) == PDF
        )
        if not wants_pdf:
            return get_invoice(current_actor(), invoice_id)
        invoice, pdf = get_invoice_pdf(current_actor(), invoice_id)
        return Response(
            pdf,
            mimetype=PDF,
            headers={"Content-Disposition": f'inline; filename="{invoice.number}.pdf"'},
        )


class _Webhook(MethodView):
    gateway: str | None = None

    @public
    @blp.doc(requestBody=_WEBHOOK_BODY)
    @blp.response(200, WebhookReceiptSchema)
    @fails(
        400,
        "The signature or validation does not check out, or a signed event is malformed",
        "invalid_webhook",
    )
    @fails(404, "That gateway is not configured here", "gateway_not_configured")
    @fails(
        503,
        "The gateway's validation API, or Stripe asked about a dispute's charge, is down; "
        "deliver again",
        "gateway_unavailable",
    )
    @fails(
        503,
        "The database is down or stayed too busy; deliver again",
        "service_unavailable",
        "transaction_conflict",
    )
    @inject
    def post(self, receive_webhook=Provide[Container.payments.receive_webhook]):
        """A gateway reports on a payment.

        The signature (Stripe, fake) or SSLCOMMERZ's validation API is checked first; a
        webhook that does not verify changes nothing and answers 400. Each event is applied
        once, however often and however concurrently it is delivered; repeats answer 200.
        An event about a payment this platform does not know answers 200 with the outcome
        `unknown_payment` (and is logged), so the gateway stops delivering it. A Stripe
        dispute that names only a charge no payment has kept (payments made before charge
        ids were kept) is looked up at Stripe to find its PaymentIntent, and the payment
        keeps the charge id from then on; a charge Stripe does not know is `unknown_payment`.
        """
        results = receive_webhook(incoming_webhook(), self.gateway)
        return {"received": len(results), "events": results}


@blp.route("/webhook/")
@operations(post="receiveWebhook")
class Webhook(_Webhook):
    """Any gateway: told apart by its signature header or SSLCOMMERZ's verify_sign field."""


@blp.route("/webhook/stripe/")
@operations(post="receiveStripeWebhook")
class StripeWebhook(_Webhook):
    gateway = "stripe"


@blp.route("/webhook/sslcommerz/")
@operations(post="receiveSslcommerzWebhook")
class SslcommerzWebhook(_Webhook):
    gateway = "sslcommerz"
