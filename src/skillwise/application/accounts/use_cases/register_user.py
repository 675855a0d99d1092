"""RegisterUser: sign up as a student or an instructor, and get a verification email."""

from __future__ import annotations

from skillwise.application.accounts.ports import PasswordHasher
from skillwise.application.accounts.sessions import mail_verification_link
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.passwords import require_strong_password
from skillwise.domain.users import (
    User,
    checked_full_name,
    email_already_registered,
    role_chosen_at_sign_up,
)


class RegisterUser:
    """Creates an unverified account; admin is never a role one can choose."""

    def __init__(
        self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock, public_url: str
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock
        self._public_url = public_url

    def __call__(
        self, *, email: str, password: str, full_name: str, role: str = Role.STUDENT.value
    ) -> User:
        address = Email(email)
        chosen_role = role_chosen_at_sign_up(role)
        name = checked_full_name(full_name)
        require_strong_password(password, address)
        # Hash before the transaction: argon2 is slow on purpose and must not hold it open.
        password_hash = self._hasher.hash(password)
        with self._uow as uow:
            if uow.users.get_by_email(address) is not None:
                raise email_already_registered()
            user = User(
                email=address,
                full_name=name,
                password_hash=password_hash,
                date_joined=self._clock.now(),
                role=chosen_role,
            )
            uow.users.add_unless_email_taken(user)
            mail_verification_link(uow, self._clock, self._public_url, user)
            uow.commit()
        return user
