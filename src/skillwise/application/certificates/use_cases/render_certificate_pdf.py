"""RenderCertificatePdf: the printable certificate, carrying the link that verifies it."""

from __future__ import annotations

from skillwise.application.certificates.ports import (
    CertificateQueries,
    CertificateRenderer,
    CertificateView,
)
from skillwise.application.certificates.verification import certificate_with_code, verification_url


class RenderCertificatePdf:
    """Same audience as verification (anyone with the code); a revoked certificate prints
    as revoked."""

    def __init__(
        self, queries: CertificateQueries, renderer: CertificateRenderer, public_url: str
    ) -> None:
        self._queries = queries
        self._renderer = renderer
        self._public_url = public_url

    def __call__(self, code: str) -> tuple[CertificateView, bytes]:
        certificate = certificate_with_code(self._queries, code)
        url = verification_url(self._public_url, certificate.code)
        return certificate, self._renderer.render_pdf(certificate, url)
