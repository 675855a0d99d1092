"""Password reset with fakes: no enumeration, single use, one hour, every session ends."""

from datetime import timedelta

import pytest

from skillwise.domain.accounts import TokenPurpose
from skillwise.domain.errors import DomainValidationError, InvalidCredentials
from tests.unit.accounts.conftest import (
    PASSWORD,
    PUBLIC_URL,
    a_stored_user,
    last_token_mailed,
    mails_to,
    stored,
)

NEW_PASSWORD = "Brand-new-secret-9"


def test_a_reset_request_mails_a_one_hour_link(request_reset, fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher)
    request_reset("Ada@Example.com")
    [mail] = mails_to(fake_uow, "ada@example.com")
    assert f"{PUBLIC_URL}/reset-password?token=" in mail["text"]
    [record] = fake_uow.one_time_tokens.of(user.id, TokenPurpose.RESET_PASSWORD)
    assert record.expires_at - record.created_at == timedelta(hours=1)


@pytest.mark.parametrize("active", [True, False])
def test_a_reset_request_for_an_address_without_active_account_sends_nothing(
    request_reset, fake_uow, hasher, active
):
    if not active:
        a_stored_user(fake_uow, hasher, active=False)
    request_reset("ada@example.com")
    assert fake_uow.outbox.rows == {}
    assert fake_uow.one_time_tokens.rows == {}


def test_confirming_sets_the_new_password_and_the_token_works_once(
    request_reset, confirm_reset, log_in, fake_uow, hasher
):
    user = a_stored_user(fake_uow, hasher)
    request_reset("ada@example.com")
    token = last_token_mailed(fake_uow, "ada@example.com", "reset-password")
    confirm_reset(token=token, new_password=NEW_PASSWORD)
    assert stored(fake_uow, user.id).password_hash == hasher.hash(NEW_PASSWORD)
    assert log_in(email="ada@example.com", password=NEW_PASSWORD).user.id == user.id
    with pytest.raises(InvalidCredentials):
        log_in(email="ada@example.com", password=PASSWORD)
    with pytest.raises(DomainValidationError) as again:
        confirm_reset(token=token, new_password="Another-secret-1")
    assert again.value.code == "token_used"


def test_a_reset_token_expires_after_one_hour(
    request_reset, confirm_reset, fake_uow, hasher, clock
):
    user = a_stored_user(fake_uow, hasher)
    request_reset("ada@example.com")
    token = last_token_mailed(fake_uow, "ada@example.com", "reset-password")
    clock.advance(hours=1)
    with pytest.raises(DomainValidationError) as expired:
        confirm_reset(token=token, new_password=NEW_PASSWORD)
    assert expired.value.code == "token_expired"
    assert stored(fake_uow, user.id).password_hash == hasher.hash(PASSWORD)


def test_a_weak_new_password_is_refused_and_the_link_still_works(
    request_reset, confirm_reset, fake_uow, hasher
):
    a_stored_user(fake_uow, hasher)
    request_reset("ada@example.com")
    token = last_token_mailed(fake_uow, "ada@example.com", "reset-password")
    with pytest.raises(DomainValidationError) as weak:
        confirm_reset(token=token, new_password="weak")
    assert weak.value.code == "weak_password"
    confirm_reset(token=token, new_password=NEW_PASSWORD)


def test_a_newer_reset_request_replaces_the_older_link(
    request_reset, confirm_reset, fake_uow, hasher
):
    a_stored_user(fake_uow, hasher)
    request_reset("ada@example.com")
    older = last_token_mailed(fake_uow, "ada@example.com", "reset-password")
    request_reset("ada@example.com")
    with pytest.raises(DomainValidationError) as replaced:
        confirm_reset(token=older, new_password=NEW_PASSWORD)
    assert replaced.value.code == "invalid_token"


def test_confirming_ends_every_session_and_mails_a_notice(
    request_reset, confirm_reset, log_in, refresh, fake_uow, hasher, blocklist, clock
):
    user = a_stored_user(fake_uow, hasher)
    phone = log_in(email="ada@example.com", password=PASSWORD)
    laptop = log_in(email="ada@example.com", password=PASSWORD)
    clock.advance(minutes=1)
    request_reset("ada@example.com")
    token = last_token_mailed(fake_uow, "ada@example.com", "reset-password")
    confirm_reset(token=token, new_password=NEW_PASSWORD)
    for session in (phone, laptop):
        with pytest.raises(InvalidCredentials):
            refresh(session.refresh)
    assert blocklist.revoked_before[user.id] == clock.now()
    subjects = [m["subject"] for m in mails_to(fake_uow, "ada@example.com")]
    assert subjects[-1] == "Your SkillWise password was changed"
