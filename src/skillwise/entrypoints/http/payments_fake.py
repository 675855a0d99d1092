"""The fake gateway's checkout page: the whole purchase journey without any gateway account."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import Response, render_template, url_for
from flask.views import MethodView

from skillwise.application.payments.fake_checkout import FakeCheckout
from skillwise.containers import Container
from skillwise.domain.payments import PaymentStatus
from skillwise.entrypoints.http.access import public
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.payments import FakeCheckoutOutcomeSchema

blp = Blueprint(
    "payments_fake",
    __name__,
    url_prefix="/payments/fake",
    description="The fake gateway's checkout page (development and tests only)",
    template_folder="templates",
)

_RESULTS = {
    PaymentStatus.SUCCEEDED: ("Payment succeeded", "You are enrolled. Enjoy the course!"),
    PaymentStatus.CANCELED: ("Payment canceled", "Nothing was charged."),
    PaymentStatus.FAILED: ("Payment failed", "Nothing was charged."),
    PaymentStatus.REFUNDED: ("Payment refunded", "This payment was refunded."),
}


def _page(checkout: FakeCheckout) -> Response:
    if checkout.status is PaymentStatus.PENDING:
        html = render_template(
            "payment_page.html",
            heading="Checkout",
            course_title=checkout.course_title,
            amount=str(checkout.amount),
            complete_url=url_for(
                "payments_fake.FakeCheckoutComplete", payment_id=checkout.payment_id
            ),
        )
    else:
        heading, message = _RESULTS[checkout.status]
        html = render_template(
            "payment_page.html",
            heading=heading,
            course_title=checkout.course_title,
            amount=str(checkout.amount),
            message=message,
        )
    return Response(html, mimetype="text/html")


@blp.route("/checkout/<uuid:payment_id>/")
class FakeCheckoutPage(MethodView):
    @public
    @operation("showFakeCheckout")
    @blp.response(
        200, {"type": "string"}, description="The checkout page", content_type="text/html"
    )
    @fails(
        404,
        "No such fake payment, or the fake gateway is off",
        "payment_not_found",
        "gateway_not_configured",
    )
    @inject
    def get(self, payment_id, show_fake_checkout=Provide[Container.payments.show_fake_checkout]):
        """The page a fake gateway's `checkout_url` opens: the course, the amount, and Pay
        and Cancel buttons. The unguessable payment id in the address is the credential."""
        return _page(show_fake_checkout(payment_id))


@blp.route("/checkout/<uuid:payment_id>/complete/")
class FakeCheckoutComplete(MethodView):
    @public
    @operation("completeFakeCheckout")
    @blp.arguments(FakeCheckoutOutcomeSchema, location="form")
    @blp.response(200, {"type": "string"}, description="The result page", content_type="text/html")
    @fails(
        404,
        "No such fake payment, or the fake gateway is off",
        "payment_not_found",
        "gateway_not_configured",
    )
    @fails(422, "An outcome other than succeeded or canceled", "unprocessable_entity")
    @inject
    def post(
        self,
        form,
        payment_id,
        complete_fake_checkout=Provide[Container.payments.complete_fake_checkout],
    ):
        """Pay or cancel: the outcome is signed as the fake gateway's webhook and goes through
        the same verification and state machine as any gateway's. Submitting twice is
        harmless."""
        return _page(complete_fake_checkout(payment_id, form["outcome"]))
