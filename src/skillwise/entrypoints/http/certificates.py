"""Certificates of completion: mine, and the public verification anyone may make."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import Response, request
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, public, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.certificates import CertificateArgs, CertificateSchema
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)

blp = Blueprint(
    "certificates", __name__, url_prefix="/certificates", description="Certificates of completion"
)

PDF = "application/pdf"
NOT_SIGNED_IN = (
    "Not signed in, or a bad, expired or revoked token (`authentication_required`, "
    "`invalid_token`, `token_expired`, `token_revoked`)"
)
# One 200 with two media types, so generated clients can ask for either and parse each.
_JSON_OR_PDF = {200: {"content": {PDF: {"schema": {"type": "string", "format": "binary"}}}}}


def _wants_pdf(requested: str | None) -> bool:
    if requested is not None:
        return requested == "pdf"
    return request.accept_mimetypes.best_match(["application/json", PDF]) == PDF


@blp.route("/")
class Certificates(MethodView):
    @signed_in
    @operation("listCertificates")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(CertificateSchema))
    @fails(422, "A bad page or page size", "unprocessable_entity")
    @inject
    def get(self, args, list_certificates=Provide[Container.certificates.list_certificates]):
        """My certificates of completion, newest first.

        Finishing every lesson of a course issues its certificate; a refund revokes it.
        """
        return page_body(list_certificates(current_actor(), page_request(args)))


@blp.route("/<string:code>/")
class CertificateByCode(MethodView):
    @public
    @operation("verifyCertificate", responses=_JSON_OR_PDF)
    @blp.arguments(CertificateArgs, location="query")
    @blp.response(200, CertificateSchema, description="The certificate, as JSON or as a PDF")
    @fails(404, "No certificate with this code", "certificate_not_found")
    @fails(422, "is neither json nor pdf", "unprocessable_entity")
    @inject
    def get(
        self,
        args,
        code,
        verify_certificate=Provide[Container.certificates.verify_certificate],
        render_certificate_pdf=Provide[Container.certificates.render_certificate_pdf],
    ):
        """Verify a certificate by its code: who completed which course, with whom, when,
        and whether it is still `valid` or was `revoked`. Nothing else about the student.

        `?format=pdf` (or `Accept: application/pdf`) answers the printable one-page
        certificate, which carries this address for others to verify it.
        """
        if not _wants_pdf(args.get("format")):
            return verify_certificate(code)
        certificate, pdf = render_certificate_pdf(code)
        return Response(
            pdf,
            mimetype=PDF,
            headers={
                "Content-Disposition": f'inline; filename="certificate-{certificate.code}.pdf"'
            },
        )
