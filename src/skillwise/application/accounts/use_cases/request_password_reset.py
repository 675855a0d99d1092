"""RequestPasswordReset: mail a reset link to the owner of an email address."""

from __future__ import annotations

from skillwise.application.accounts.sessions import mail_password_reset_link
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.email_address import Email


class RequestPasswordReset:
    """Answers the same whether or not the address has an account (no enumeration); only an
    active account gets an email."""

    def __init__(self, uow: UnitOfWork, clock: Clock, public_url: str) -> None:
        self._uow = uow
        self._clock = clock
        self._public_url = public_url

    def __call__(self, email: str) -> None:
        address = Email(email)
        with self._uow as uow:
            user = uow.users.get_by_email(address)
            if user is None or not user.is_active:
                return
            mail_password_reset_link(uow, self._clock, self._public_url, user)
            uow.commit()
