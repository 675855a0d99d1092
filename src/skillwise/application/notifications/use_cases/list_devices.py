"""ListDevices: the caller's registered app installs."""

from __future__ import annotations

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Device


class ListDevices:
    """Most recently seen first."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, request: PageRequest) -> Page[Device]:
        with self._uow as uow:
            return uow.devices.page_for(actor.user_id, request)
