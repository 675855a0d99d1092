"""The create-admin command's use case, with fakes."""

import pytest

from skillwise.application.accounts.use_cases.create_admin import CreateAdmin
from skillwise.domain.errors import DomainValidationError, InvalidCredentials
from skillwise.domain.identity import Role
from tests.unit.accounts.conftest import PASSWORD, a_stored_user, stored


@pytest.fixture
def create_admin(fake_uow, hasher, clock):
    return CreateAdmin(fake_uow, hasher, clock)


def test_a_new_admin_is_created_verified(create_admin, fake_uow, hasher):
    outcome = create_admin(email="Root@Example.com", password=PASSWORD, full_name="Root")
    saved = stored(fake_uow, outcome.user.id)
    assert outcome.created is True
    assert (saved.email.value, saved.role, saved.email_verified) == (
        "root@example.com",
        Role.ADMIN,
        True,
    )
    assert hasher.verify(saved.password_hash, PASSWORD)


def test_an_existing_account_is_promoted_when_the_password_matches(create_admin, fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher)
    outcome = create_admin(email="ada@example.com", password=PASSWORD)
    assert outcome.created is False and outcome.user.id == user.id
    saved = stored(fake_uow, user.id)
    assert (saved.role, saved.email_verified, saved.full_name) == (
        Role.ADMIN,
        True,
        "Ada Lovelace",
    )


def test_an_existing_account_is_not_promoted_with_a_wrong_password(create_admin, fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher)
    with pytest.raises(InvalidCredentials):
        create_admin(email="ada@example.com", password="Wrong-password-1")
    assert stored(fake_uow, user.id).role is Role.STUDENT


def test_a_weak_password_is_refused_for_a_new_admin(create_admin, fake_uow):
    with pytest.raises(DomainValidationError) as refused:
        create_admin(email="root@example.com", password="root")
    assert refused.value.code == "weak_password"
    assert fake_uow.users.rows == {}
