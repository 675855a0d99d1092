"""ResendVerificationEmail: a fresh verification link, the older ones stop working."""

from __future__ import annotations

from skillwise.application.accounts.sessions import mail_verification_link
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.email_address import Email
from skillwise.domain.errors import AccountNotFound, Conflict
from skillwise.domain.identity import Actor


class ResendVerificationEmail:
    """For the signed-in caller, or for a guest naming an email address.

    A guest learns nothing about the address: unknown, inactive or already verified accounts
    get no email and the same answer.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, public_url: str) -> None:
        self._uow = uow
        self._clock = clock
        self._public_url = public_url

    def __call__(self, *, actor: Actor | None, email: str | None = None) -> None:
        with self._uow as uow:
            if actor is not None:
                user = uow.users.get(actor.user_id)
                if user is None or not user.is_active:
                    raise AccountNotFound()
                if user.email_verified:
                    raise Conflict(
                        "Your email address is verified already.", code="email_already_verified"
                    )
            else:
                if not email:
                    return
                user = uow.users.get_by_email(Email(email))
                if user is None or not user.is_active or user.email_verified:
                    return
            mail_verification_link(uow, self._clock, self._public_url, user)
            uow.commit()
