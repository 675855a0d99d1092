"""ListRefundRequests: the admins' queue of refund requests."""

from __future__ import annotations

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.refunds import RefundRequest, RefundRequestStatus


class ListRefundRequests:
    """Oldest first, so the longest waiting is decided first; admins only."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(
        self, actor: Actor, status: RefundRequestStatus | None, page: PageRequest
    ) -> Page[RefundRequest]:
        actor.ensure_is_admin("list refund requests")
        with self._uow as uow:
            return uow.refund_requests.page(status, page)
