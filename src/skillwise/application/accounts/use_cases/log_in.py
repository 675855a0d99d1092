"""LogIn: exchange an email and password for an access token and a refresh token."""

from __future__ import annotations

from skillwise.application.accounts.ports import PasswordHasher, TokenIssuer
from skillwise.application.accounts.sessions import IssuedSession, start_session
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.email_address import Email
from skillwise.domain.errors import DomainValidationError, InvalidCredentials


def wrong_credentials() -> InvalidCredentials:
    return InvalidCredentials("The email or password is incorrect.", code="invalid_credentials")


class LogIn:
    """Unknown emails, wrong passwords and deactivated accounts get the same answer, after the
    same work: a password is checked against a dummy hash when there is no account."""

    def __init__(
        self, uow: UnitOfWork, hasher: PasswordHasher, tokens: TokenIssuer, clock: Clock
    ) -> None:
        self._uow = uow
        self._hasher = hasher
        self._tokens = tokens
        self._clock = clock

    def __call__(self, *, email: str, password: str) -> IssuedSession:
        try:
            address: Email | None = Email(email)
        except DomainValidationError:
            address = None
        with self._uow as uow:
            user = uow.users.get_by_email(address) if address else None
        # Passwords are checked outside any transaction: argon2 is slow on purpose.
        if user is None:
            self._hasher.verify(self._hasher.dummy_hash, password)
            raise wrong_credentials()
        if not self._hasher.verify(user.password_hash, password) or not user.is_active:
            raise wrong_credentials()
        upgraded_hash = (
            self._hasher.hash(password) if self._hasher.needs_rehash(user.password_hash) else None
        )
        with self._uow as uow:
            current = uow.users.get(user.id)
            # The password checked above must still be the account's.
            if (
                current is None
                or not current.is_active
                or current.password_hash != user.password_hash
            ):
                raise wrong_credentials()
            if upgraded_hash:
                current.password_hash = upgraded_hash
                uow.users.save(current)
            session = start_session(uow, self._tokens, current, self._clock.now())
            uow.commit()
        return session
