"""CreateAdmin: the operator's way to the first admin account (`skillwise create-admin`)."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.application.accounts.ports import PasswordHasher
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.email_address import Email
from skillwise.domain.errors import DomainValidationError, InvalidCredentials
from skillwise.domain.identity import Role
from skillwise.domain.passwords import require_strong_password
from skillwise.domain.users import User, checked_full_name


@dataclass(frozen=True, slots=True)
class AdminOutcome:
    user: User
    created: bool


class CreateAdmin:
    """Creates a verified admin; an existing active account is promoted instead, once the
    password given proves it is the operator's (it is checked, never overwritten)."""

    def __init__(self, uow: UnitOfWork, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock

    def __call__(self, *, email: str, password: str, full_name: str | None = None) -> AdminOutcome:
        address = Email(email)
        with self._uow as uow:
            existing = uow.users.get_by_email(address)
            if existing is not None:
                self._require_promotable(existing, password)
                existing.role = Role.ADMIN
                existing.email_verified = True
                uow.users.save(existing)
                uow.commit()
                return AdminOutcome(user=existing, created=False)
        require_strong_password(password, address)
        user = User(
            email=address,
            full_name=checked_full_name(full_name or "Administrator"),
            password_hash=self._hasher.hash(password),
            date_joined=self._clock.now(),
            role=Role.ADMIN,
            email_verified=True,
        )
        with self._uow as uow:
            uow.users.add_unless_email_taken(user)
            uow.commit()
        return AdminOutcome(user=user, created=True)

    def _require_promotable(self, user: User, password: str) -> None:
        if not user.is_active:
            raise DomainValidationError(
                "That account is deactivated; reactivate it first.", code="account_inactive"
            )
        if not self._hasher.verify(user.password_hash, password):
            raise InvalidCredentials(
                "The password does not match the existing account with this email.",
                code="invalid_credentials",
            )
