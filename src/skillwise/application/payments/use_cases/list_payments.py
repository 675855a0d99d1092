"""ListPayments: every payment on the platform, filtered, for admins."""

from __future__ import annotations

from skillwise.application.payments.ports import PaymentFilters, PaymentListing
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.identity import Actor


class ListPayments:
    """Newest first; filters by status, gateway, buyer, course and creation time."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(
        self, actor: Actor, filters: PaymentFilters, page: PageRequest
    ) -> Page[PaymentListing]:
        actor.ensure_is_admin("list every payment")
        if (
            filters.created_from is not None
            and filters.created_to is not None
            and filters.created_from > filters.created_to
        ):
            raise DomainValidationError(
                "created_from comes after created_to.", code="invalid_date_range"
            )
        with self._uow as uow:
            return uow.payments.search(filters, page)
