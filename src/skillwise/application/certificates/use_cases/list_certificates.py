"""ListCertificates: the caller's certificates of completion."""

from __future__ import annotations

from skillwise.application.certificates.ports import CertificateQueries, CertificateView
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.identity import Actor


class ListCertificates:
    """Newest first, revoked ones included (they say so in `status`)."""

    def __init__(self, queries: CertificateQueries) -> None:
        self._queries = queries

    def __call__(self, actor: Actor, page: PageRequest) -> Page[CertificateView]:
        return self._queries.certificates_of(actor.user_id, page)
