"""Domain rules of accounts: passwords, roles at sign-up, profile fields, deletion, buying."""

from datetime import timedelta

import pytest

from skillwise.domain.accounts import OneTimeToken, TokenPurpose, hash_token
from skillwise.domain.email_address import Email
from skillwise.domain.errors import DomainValidationError, PermissionDenied
from skillwise.domain.identity import Role
from skillwise.domain.passwords import require_strong_password
from skillwise.domain.users import (
    UNUSABLE_PASSWORD_HASH,
    AdminChanges,
    ProfileChanges,
    role_chosen_at_sign_up,
)
from tests.factories import NOW, a_user

EMAIL = Email("ada.lovelace@example.com")


@pytest.mark.parametrize(
    "password",
    [
        "Short-1",
        "alllowercaseletters",
        "ALLUPPERCASELETTERS",
        "12345678901234",
        "!!!!----????////",
        "ada.lovelace@example.com",
        "Ada.Lovelace",
        "ADA.LOVELACE@EXAMPLE.COM",
    ],
)
def test_weak_passwords_are_refused_with_a_clear_reason(password):
    with pytest.raises(DomainValidationError) as refused:
        require_strong_password(password, EMAIL)
    assert refused.value.code == "weak_password"
    assert refused.value.message


@pytest.mark.parametrize("password", ["correct-horse", "Correct7horse", "letters and 1 digit"])
def test_long_passwords_mixing_two_kinds_of_characters_are_accepted(password):
    require_strong_password(password, EMAIL)


def test_the_length_rule_is_explained_in_the_message():
    with pytest.raises(DomainValidationError, match="at least 10 characters"):
        require_strong_password("Ab1-", EMAIL)


@pytest.mark.parametrize("role", ["student", "instructor"])
def test_students_and_instructors_choose_their_role_at_sign_up(role):
    assert role_chosen_at_sign_up(role) is Role(role)


@pytest.mark.parametrize("role", ["admin", "ADMIN", "superuser", ""])
def test_admin_or_any_other_role_cannot_be_chosen_at_sign_up(role):
    with pytest.raises(DomainValidationError) as refused:
        role_chosen_at_sign_up(role)
    assert refused.value.code == "role_not_allowed"


def test_an_unverified_user_may_not_buy_and_a_verified_one_may():
    unverified = a_user(verified=False)
    with pytest.raises(PermissionDenied) as refused:
        unverified.require_verified_email()
    assert refused.value.code == "email_not_verified"
    a_user(verified=True).require_verified_email()


def test_a_profile_change_touches_only_the_fields_sent():
    user = a_user()
    user.bio = "Mathematician"
    user.change_profile(ProfileChanges(full_name="  Ada King  "))
    assert (user.full_name, user.bio) == ("Ada King", "Mathematician")
    user.change_profile(ProfileChanges(avatar_url="https://img.example/ada.png"))
    assert user.avatar_url == "https://img.example/ada.png"
    user.change_profile(ProfileChanges(avatar_url=None))
    assert user.avatar_url is None


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://files.example/a.png", "https://", "not a url"]
)
def test_an_avatar_must_be_an_http_or_https_url(url):
    user = a_user()
    with pytest.raises(DomainValidationError) as refused:
        user.change_profile(ProfileChanges(avatar_url=url))
    assert refused.value.code == "invalid_avatar_url"
    assert user.avatar_url is None


def test_a_blank_full_name_is_refused():
    with pytest.raises(DomainValidationError):
        a_user().change_profile(ProfileChanges(full_name="   "))


def test_an_admin_cannot_demote_or_deactivate_themselves():
    admin = a_user(Role.ADMIN)
    with pytest.raises(DomainValidationError) as demote:
        admin.apply_admin_changes(AdminChanges(role=Role.STUDENT), by=admin.as_actor())
    with pytest.raises(DomainValidationError) as deactivate:
        admin.apply_admin_changes(AdminChanges(is_active=False), by=admin.as_actor())
    assert (demote.value.code, deactivate.value.code) == (
        "cannot_change_own_role",
        "cannot_deactivate_self",
    )
    assert admin.role is Role.ADMIN and admin.is_active


def test_deleting_an_account_keeps_the_row_but_removes_who_it_was():
    user = a_user()
    user.bio, user.avatar_url = "About me", "https://img.example/me.png"
    user.deactivate_and_anonymise()
    assert user.email == Email(f"deleted-{user.id}@users.invalid")
    assert (user.full_name, user.bio, user.avatar_url) == ("Deleted user", "", None)
    assert user.password_hash == UNUSABLE_PASSWORD_HASH
    assert user.is_active is False


def test_one_time_tokens_keep_only_the_hash_of_the_mailed_value():
    token, value = OneTimeToken.issue(a_user().id, TokenPurpose.VERIFY_EMAIL, NOW)
    assert token.token_hash == hash_token(value) != value
    assert len(token.token_hash) == 64


def test_verification_links_live_48_hours_and_reset_links_one_hour():
    user_id = a_user().id
    verify, _ = OneTimeToken.issue(user_id, TokenPurpose.VERIFY_EMAIL, NOW)
    reset, _ = OneTimeToken.issue(user_id, TokenPurpose.RESET_PASSWORD, NOW)
    assert verify.expires_at - NOW == timedelta(hours=48)
    assert reset.expires_at - NOW == timedelta(hours=1)
