"""Finding a certificate by its public code, and the address that verifies it."""

from __future__ import annotations

from skillwise.application.certificates.ports import CertificateQueries, CertificateView
from skillwise.domain.certificates import MAX_CODE_LENGTH, CertificateNotFound


def certificate_with_code(queries: CertificateQueries, code: str) -> CertificateView:
    """The certificate, valid or revoked; an unknown code is CertificateNotFound."""
    certificate = queries.by_code(code) if len(code) <= MAX_CODE_LENGTH else None
    if certificate is None:
        raise CertificateNotFound()
    return certificate


def verification_url(public_url: str, code: str) -> str:
    """Where anyone checks the certificate: its public verification endpoint."""
    return f"{public_url.rstrip('/')}/api/v1/certificates/{code}/"
