"""Accounts use cases wired to fakes; helpers to read the links the use cases mail."""

from __future__ import annotations

import re
from uuid import UUID

import pytest

from skillwise.application.accounts.use_cases.confirm_password_reset import ConfirmPasswordReset
from skillwise.application.accounts.use_cases.delete_user import DeleteUser
from skillwise.application.accounts.use_cases.log_in import LogIn
from skillwise.application.accounts.use_cases.log_out import LogOut
from skillwise.application.accounts.use_cases.refresh_session import RefreshSession
from skillwise.application.accounts.use_cases.register_user import RegisterUser
from skillwise.application.accounts.use_cases.request_password_reset import RequestPasswordReset
from skillwise.application.accounts.use_cases.resend_verification_email import (
    ResendVerificationEmail,
)
from skillwise.application.accounts.use_cases.update_user import UpdateUser
from skillwise.application.accounts.use_cases.verify_email import VerifyEmail
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.users import User
from tests.factories import NOW
from tests.fakes.accounts import FakePasswordHasher, FakeTokenBlocklist, FakeTokenIssuer

PUBLIC_URL = "https://app.example"
PASSWORD = "Correct-horse-7"


@pytest.fixture
def hasher() -> FakePasswordHasher:
    return FakePasswordHasher()


@pytest.fixture
def tokens() -> FakeTokenIssuer:
    return FakeTokenIssuer()


@pytest.fixture
def blocklist() -> FakeTokenBlocklist:
    return FakeTokenBlocklist()


@pytest.fixture
def register(fake_uow, hasher, clock) -> RegisterUser:
    return RegisterUser(fake_uow, hasher, clock, PUBLIC_URL)


@pytest.fixture
def verify_email(fake_uow, clock) -> VerifyEmail:
    return VerifyEmail(fake_uow, clock)


@pytest.fixture
def resend_verification(fake_uow, clock) -> ResendVerificationEmail:
    return ResendVerificationEmail(fake_uow, clock, PUBLIC_URL)


@pytest.fixture
def log_in(fake_uow, hasher, tokens, clock) -> LogIn:
    return LogIn(fake_uow, hasher, tokens, clock)


@pytest.fixture
def refresh(fake_uow, tokens, blocklist, clock) -> RefreshSession:
    return RefreshSession(fake_uow, tokens, blocklist, clock)


@pytest.fixture
def log_out(fake_uow, tokens, blocklist, clock) -> LogOut:
    return LogOut(fake_uow, tokens, blocklist, clock)


@pytest.fixture
def request_reset(fake_uow, clock) -> RequestPasswordReset:
    return RequestPasswordReset(fake_uow, clock, PUBLIC_URL)


@pytest.fixture
def confirm_reset(fake_uow, hasher, blocklist, clock) -> ConfirmPasswordReset:
    return ConfirmPasswordReset(fake_uow, hasher, blocklist, clock)


@pytest.fixture
def update_user(fake_uow, blocklist, clock) -> UpdateUser:
    return UpdateUser(fake_uow, blocklist, clock)


@pytest.fixture
def delete_user(fake_uow, blocklist, clock) -> DeleteUser:
    return DeleteUser(fake_uow, blocklist, clock)


def a_stored_user(
    uow,
    hasher,
    *,
    email: str = "ada@example.com",
    role: Role = Role.STUDENT,
    verified: bool = False,
    active: bool = True,
) -> User:
    user = User(
        email=Email(email),
        full_name="Ada Lovelace",
        password_hash=hasher.hash(PASSWORD),
        date_joined=NOW,
        role=role,
        email_verified=verified,
        is_active=active,
    )
    with uow:
        uow.users.add(user)
        uow.commit()
    return user


def mails_to(uow, address: str) -> list[dict]:
    return [m.payload for m in uow.outbox.rows.values() if m.payload["to"] == address]


def link_token(mail: dict, page: str) -> str:
    match = re.search(rf"{re.escape(PUBLIC_URL)}/{page}\?token=([\w-]+)", mail["text"])
    assert match, mail["text"]
    return match.group(1)


def last_token_mailed(uow, address: str, page: str) -> str:
    return link_token(mails_to(uow, address)[-1], page)


def stored(uow, user_id: UUID) -> User:
    user = uow.users.get(user_id)
    assert user is not None
    return user
