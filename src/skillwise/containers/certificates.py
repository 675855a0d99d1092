"""Certificates: a student's certificates of completion and their public verification."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.certificates.pdf import FpdfCertificateRenderer
from skillwise.adapters.db.queries.certificates import SqlCertificateQueries
from skillwise.adapters.invoices.pdf import find_unicode_font
from skillwise.application.certificates.use_cases.list_certificates import ListCertificates
from skillwise.application.certificates.use_cases.render_certificate_pdf import RenderCertificatePdf
from skillwise.application.certificates.use_cases.verify_certificate import VerifyCertificate


class CertificatesContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    certificate_queries = providers.Factory(
        SqlCertificateQueries, session_factory=infra.session_factory
    )
    certificate_renderer = providers.Singleton(
        FpdfCertificateRenderer, unicode_font=providers.Callable(find_unicode_font)
    )
    list_certificates = providers.Factory(ListCertificates, queries=certificate_queries)
    verify_certificate = providers.Factory(VerifyCertificate, queries=certificate_queries)
    render_certificate_pdf = providers.Factory(
        RenderCertificatePdf,
        queries=certificate_queries,
        renderer=certificate_renderer,
        public_url=infra.settings.provided.public_url,
    )
