"""The composition root: infrastructure joined with one small container per subject.

Views refer to providers by attribute (`Provide[Container.learning.post_review]`), so a
misspelt provider fails at import, and `tests/unit/foundation/test_wiring.py` checks
that every marker resolves.
"""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.containers.accounts import AccountsContainer
from skillwise.containers.catalog import CatalogContainer
from skillwise.containers.certificates import CertificatesContainer
from skillwise.containers.coupons import CouponsContainer
from skillwise.containers.dashboards import DashboardsContainer
from skillwise.containers.learning import LearningContainer
from skillwise.containers.notifications import NotificationsContainer
from skillwise.containers.payments import PaymentsContainer
from skillwise.containers.root import Infrastructure
from skillwise.containers.wishlist import WishlistContainer


class Container(containers.DeclarativeContainer):
    infra = providers.Container(Infrastructure)
    accounts = providers.Container(AccountsContainer, infra=infra)
    catalog = providers.Container(CatalogContainer, infra=infra)
    learning = providers.Container(LearningContainer, infra=infra)
    notifications = providers.Container(NotificationsContainer, infra=infra)
    payments = providers.Container(PaymentsContainer, infra=infra)
    dashboards = providers.Container(DashboardsContainer, infra=infra)
    wishlist = providers.Container(WishlistContainer, infra=infra)
    certificates = providers.Container(CertificatesContainer, infra=infra)
    coupons = providers.Container(CouponsContainer, infra=infra)
