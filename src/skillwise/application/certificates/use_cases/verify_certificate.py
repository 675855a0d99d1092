"""VerifyCertificate: what anyone holding a certificate's code may check."""

from __future__ import annotations

from skillwise.application.certificates.ports import CertificateQueries, CertificateView
from skillwise.application.certificates.verification import certificate_with_code


class VerifyCertificate:
    """The certificate behind a public code, valid or revoked; an unknown code is NotFound."""

    def __init__(self, queries: CertificateQueries) -> None:
        self._queries = queries

    def __call__(self, code: str) -> CertificateView:
        return certificate_with_code(self._queries, code)
