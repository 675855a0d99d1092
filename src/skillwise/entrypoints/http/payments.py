"""Buying courses: starting a payment, the gateways' webhooks, history and invoices."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.application.payments.gateway import WebhookRequest
from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, public, signed_in
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.payments import (
    CheckoutSchema,
    IdempotencyHeaderSchema,
    InvoiceArgs,
    InvoiceSchema,
    PaymentCreateSchema,
    PaymentSchema,
    WebhookReceiptSchema,
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
    @blp.arguments(PaymentCreateSchema)
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.response(201, CheckoutSchema)
    @blp.alt_response(403, description="Email not verified, or the caller teaches this course")
    @blp.alt_response(404, description="No such course")
    @blp.alt_response(409, description="The caller already owns this course")
    @blp.alt_response(
        422, description="Free or unpublished course, unknown gateway, or a reused key"
    )
    @blp.alt_response(503, description="The gateway could not be reached; retry")
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
        """
        return start_payment(
            current_actor(),
            body["course_id"],
            gateway=body["gateway"],
            idempotency_key=headers["idempotency_key"],
        )


@blp.route("/history/")
class PaymentHistory(MethodView):
    @signed_in
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(PaymentSchema))
    @inject
    def get(self, args, list_payment_history=Provide[Container.payments.list_payment_history]):
        """My payments, newest first."""
        return page_body(list_payment_history(current_actor(), page_request(args)))


@blp.route("/<uuid:payment_id>/")
class PaymentDetail(MethodView):
    @signed_in
    @blp.response(200, PaymentSchema)
    @blp.alt_response(404, description="No such payment of mine")
    @inject
    def get(self, payment_id, get_payment=Provide[Container.payments.get_payment]):
        """One of my payments (the app polls it after the checkout)."""
        return get_payment(current_actor(), payment_id)


@blp.route("/invoices/<uuid:invoice_id>/")
class InvoiceDetail(MethodView):
    @signed_in
    @blp.arguments(InvoiceArgs, location="query")
    @blp.response(200, InvoiceSchema)
    @blp.alt_response(
        200,
        schema={"type": "string", "format": "binary"},
        content_type=PDF,
        description="The invoice, as JSON or as a PDF",
    )
    @blp.alt_response(404, description="No such invoice of mine")
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
        wants_pdf = args["format"] == "pdf" or (
            args["format"] is None
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
    @blp.alt_response(400, description="The signature or validation does not check out")
    @blp.alt_response(404, description="That gateway is not configured here")
    @blp.alt_response(503, description="The gateway's validation API is down; deliver again")
    @inject
    def post(self, receive_webhook=Provide[Container.payments.receive_webhook]):
        """A gateway reports on a payment.

        The signature (Stripe, fake) or SSLCOMMERZ's validation API is checked first; a
        webhook that does not verify changes nothing and answers 400. Each event is applied
        once, however often and however concurrently it is delivered; repeats answer 200.
        """
        results = receive_webhook(incoming_webhook(), self.gateway)
        return {"received": len(results), "events": results}


@blp.route("/webhook/")
class Webhook(_Webhook):
    """Any gateway: told apart by its signature header or SSLCOMMERZ's verify_sign field."""


@blp.route("/webhook/stripe/")
class StripeWebhook(_Webhook):
    gateway = "stripe"


@blp.route("/webhook/sslcommerz/")
class SslcommerzWebhook(_Webhook):
    gateway = "sslcommerz"
