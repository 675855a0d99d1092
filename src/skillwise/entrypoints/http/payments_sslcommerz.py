"""Where SSLCOMMERZ returns the buyer's browser (the app's webview) after its checkout."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import Response, render_template
from flask.views import MethodView

from skillwise.application.payments.use_cases.return_from_sslcommerz import CheckoutLanding
from skillwise.containers import Container
from skillwise.domain.payments import PaymentStatus
from skillwise.entrypoints.http.access import public
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import operations
from skillwise.entrypoints.http.payments import incoming_webhook

blp = Blueprint(
    "payments_sslcommerz",
    __name__,
    url_prefix="/payments/sslcommerz",
    description="SSLCOMMERZ checkout result pages",
    template_folder="templates",
)

_BY_STATUS = {
    PaymentStatus.SUCCEEDED: ("Payment succeeded", "You are enrolled. Enjoy the course!"),
    PaymentStatus.FAILED: ("Payment failed", "Nothing was charged. You can try again."),
    PaymentStatus.CANCELED: ("Payment canceled", "Nothing was charged."),
    PaymentStatus.REFUNDED: ("Payment refunded", "This payment was refunded."),
}

_BY_CLAIM = {
    "success": (
        "Confirming your payment",
        "We are confirming your payment with SSLCOMMERZ; the app shows the course as soon "
        "as it is confirmed.",
    ),
    "fail": ("Payment failed", "Nothing was charged. You can try again."),
    "cancel": ("Payment canceled", "Nothing was charged."),
}


def _page(landing: CheckoutLanding) -> Response:
    # What this app verified wins over what the redirect claims.
    heading, message = _BY_STATUS.get(landing.status) or _BY_CLAIM[landing.outcome]
    html = render_template("payment_page.html", heading=heading, message=message)
    return Response(html, mimetype="text/html")


class _Landing(MethodView):
    outcome = "success"

    @public
    @blp.response(200, {"type": "string"}, description="The result page", content_type="text/html")
    @inject
    def post(self, return_from_sslcommerz=Provide[Container.payments.return_from_sslcommerz]):
        """SSLCOMMERZ posts the payment's signed fields here; they are verified and validated
        like an IPN (applied at most once), then the page says what is known."""
        return _page(return_from_sslcommerz(self.outcome, incoming_webhook()))

    @public
    @blp.response(200, {"type": "string"}, description="The result page", content_type="text/html")
    @inject
    def get(self, return_from_sslcommerz=Provide[Container.payments.return_from_sslcommerz]):
        """The same page when the browser arrives without the payment's fields."""
        return _page(return_from_sslcommerz(self.outcome, incoming_webhook()))


@blp.route("/success/")
@operations(get="showSslcommerzSuccess", post="landSslcommerzSuccess")
class SslcommerzSuccess(_Landing):
    outcome = "success"


@blp.route("/fail/")
@operations(get="showSslcommerzFail", post="landSslcommerzFail")
class SslcommerzFail(_Landing):
    outcome = "fail"


@blp.route("/cancel/")
@operations(get="showSslcommerzCancel", post="landSslcommerzCancel")
class SslcommerzCancel(_Landing):
    outcome = "cancel"
