"""Sign-up and email verification, driven through the use cases with fakes."""

from datetime import timedelta

import pytest

from skillwise.domain.accounts import TokenPurpose
from skillwise.domain.errors import Conflict, DomainValidationError, NotFound
from skillwise.domain.identity import Role
from tests.unit.accounts.conftest import (
    PASSWORD,
    PUBLIC_URL,
    a_stored_user,
    last_token_mailed,
    mails_to,
    stored,
)


def test_a_new_student_is_stored_unverified_with_a_hashed_password(register, fake_uow, hasher):
    user = register(email="Ada@Example.com", password=PASSWORD, full_name="Ada Lovelace")
    saved = stored(fake_uow, user.id)
    assert saved.email.value == "ada@example.com"
    assert saved.role is Role.STUDENT
    assert saved.email_verified is False
    assert saved.password_hash == hasher.hash(PASSWORD) != PASSWORD


def test_sign_up_as_an_instructor_is_allowed(register):
    user = register(email="ada@example.com", password=PASSWORD, full_name="Ada", role="instructor")
    assert user.role is Role.INSTRUCTOR


def test_sign_up_as_admin_is_refused_and_nothing_is_stored(register, fake_uow):
    with pytest.raises(DomainValidationError) as refused:
        register(email="eve@example.com", password=PASSWORD, full_name="Eve", role="admin")
    assert refused.value.code == "role_not_allowed"
    assert fake_uow.users.rows == {}
    assert fake_uow.outbox.rows == {}


def test_a_weak_password_is_refused_at_sign_up(register, fake_uow):
    with pytest.raises(DomainValidationError) as refused:
        register(email="ada@example.com", password="ada", full_name="Ada")
    assert refused.value.code == "weak_password"
    assert fake_uow.users.rows == {}


def test_a_second_account_with_the_same_email_in_other_case_is_a_conflict(register, fake_uow):
    register(email="ada@example.com", password=PASSWORD, full_name="Ada")
    with pytest.raises(Conflict) as refused:
        register(email="ADA@example.COM", password=PASSWORD, full_name="Other Ada")
    assert refused.value.code == "email_taken"
    assert len(fake_uow.users.rows) == 1


def test_sign_up_mails_a_verification_link_with_a_token_whose_hash_alone_is_kept(
    register, fake_uow
):
    user = register(email="ada@example.com", password=PASSWORD, full_name="Ada")
    [mail] = mails_to(fake_uow, "ada@example.com")
    assert f"{PUBLIC_URL}/verify-email?token=" in mail["text"]
    token = last_token_mailed(fake_uow, "ada@example.com", "verify-email")
    [record] = fake_uow.one_time_tokens.of(user.id, TokenPurpose.VERIFY_EMAIL)
    assert token not in record.token_hash
    assert record.expires_at - record.created_at == timedelta(hours=48)


def test_the_mailed_token_verifies_the_email_once(register, verify_email, fake_uow):
    user = register(email="ada@example.com", password=PASSWORD, full_name="Ada")
    token = last_token_mailed(fake_uow, "ada@example.com", "verify-email")
    assert verify_email(token).email_verified is True
    assert stored(fake_uow, user.id).email_verified is True
    with pytest.raises(DomainValidationError) as again:
        verify_email(token)
    assert again.value.code == "token_used"


def test_a_verification_token_expires_after_48_hours(register, verify_email, fake_uow, clock):
    user = register(email="ada@example.com", password=PASSWORD, full_name="Ada")
    token = last_token_mailed(fake_uow, "ada@example.com", "verify-email")
    clock.advance(hours=48)
    with pytest.raises(DomainValidationError) as expired:
        verify_email(token)
    assert expired.value.code == "token_expired"
    assert stored(fake_uow, user.id).email_verified is False


def test_a_token_just_before_expiry_still_works(register, verify_email, fake_uow, clock):
    register(email="ada@example.com", password=PASSWORD, full_name="Ada")
    token = last_token_mailed(fake_uow, "ada@example.com", "verify-email")
    clock.advance(hours=47, minutes=59)
    assert verify_email(token).email_verified is True


def test_an_unknown_token_is_refused(verify_email):
    with pytest.raises(DomainValidationError) as refused:
        verify_email("no-such-token")
    assert refused.value.code == "invalid_token"


def test_a_reset_token_does_not_verify_an_email(verify_email, request_reset, fake_uow, hasher):
    a_stored_user(fake_uow, hasher)
    request_reset("ada@example.com")
    reset_token = last_token_mailed(fake_uow, "ada@example.com", "reset-password")
    with pytest.raises(DomainValidationError) as refused:
        verify_email(reset_token)
    assert refused.value.code == "invalid_token"


def test_resending_mails_a_fresh_link_and_the_older_one_stops_working(
    register, resend_verification, verify_email, fake_uow
):
    user = register(email="ada@example.com", password=PASSWORD, full_name="Ada")
    first = last_token_mailed(fake_uow, "ada@example.com", "verify-email")
    resend_verification(actor=user.as_actor())
    second = last_token_mailed(fake_uow, "ada@example.com", "verify-email")
    assert first != second
    with pytest.raises(DomainValidationError) as old:
        verify_email(first)
    assert old.value.code == "invalid_token"
    assert verify_email(second).email_verified is True


def test_a_guest_may_ask_for_a_new_link_by_email(resend_verification, fake_uow, hasher):
    a_stored_user(fake_uow, hasher)
    resend_verification(actor=None, email="ADA@example.com")
    assert len(mails_to(fake_uow, "ada@example.com")) == 1


@pytest.mark.parametrize("case", ["unknown", "verified", "inactive"])
def test_a_guest_resend_for_a_non_eligible_address_sends_nothing_and_does_not_fail(
    resend_verification, fake_uow, hasher, case
):
    if case != "unknown":
        a_stored_user(fake_uow, hasher, verified=case == "verified", active=case != "inactive")
    resend_verification(actor=None, email="ada@example.com")
    assert mails_to(fake_uow, "ada@example.com") == []


def test_a_signed_in_user_who_is_verified_already_is_told_so(resend_verification, fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher, verified=True)
    with pytest.raises(Conflict) as refused:
        resend_verification(actor=user.as_actor())
    assert refused.value.code == "email_already_verified"


def test_a_signed_in_resend_for_a_vanished_account_is_not_found(resend_verification):
    from uuid import uuid4

    from skillwise.domain.identity import Actor

    with pytest.raises(NotFound):
        resend_verification(actor=Actor(user_id=uuid4(), role=Role.STUDENT))
