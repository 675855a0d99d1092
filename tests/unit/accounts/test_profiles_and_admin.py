"""Profiles and admin user management with fakes."""

from uuid import uuid4

import pytest

from skillwise.application.accounts.use_cases.get_profile import GetProfile
from skillwise.application.accounts.use_cases.get_user import GetUser
from skillwise.application.accounts.use_cases.list_users import ListUsers
from skillwise.application.accounts.use_cases.update_profile import UpdateProfile
from skillwise.application.accounts.users import UserQuery
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.email_address import Email
from skillwise.domain.errors import (
    DomainValidationError,
    InvalidCredentials,
    NotFound,
    PermissionDenied,
)
from skillwise.domain.identity import Role
from skillwise.domain.users import UNUSABLE_PASSWORD_HASH, AdminChanges, ProfileChanges
from tests.unit.accounts.conftest import PASSWORD, a_stored_user, stored


@pytest.fixture
def admin(fake_uow, hasher):
    return a_stored_user(fake_uow, hasher, email="root@example.com", role=Role.ADMIN)


def test_a_profile_update_changes_name_bio_and_avatar(fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher)
    UpdateProfile(fake_uow)(
        user.as_actor(),
        ProfileChanges(full_name="Ada King", bio="Notes", avatar_url="https://img.example/a.png"),
    )
    saved = stored(fake_uow, user.id)
    assert (saved.full_name, saved.bio, saved.avatar_url) == (
        "Ada King",
        "Notes",
        "https://img.example/a.png",
    )


def test_a_profile_update_cannot_carry_role_or_verification():
    with pytest.raises(TypeError):
        ProfileChanges(role=Role.ADMIN)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ProfileChanges(email_verified=True)  # type: ignore[call-arg]


def test_an_invalid_profile_change_leaves_the_profile_as_it_was(fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher)
    with pytest.raises(DomainValidationError):
        UpdateProfile(fake_uow)(
            user.as_actor(), ProfileChanges(full_name="Ada King", avatar_url="ftp://x.example/a")
        )
    assert stored(fake_uow, user.id).full_name == "Ada Lovelace"


def test_the_profile_of_a_deleted_account_is_not_found(fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher, active=False)
    with pytest.raises(NotFound):
        GetProfile(fake_uow)(user.as_actor())


def test_only_admins_may_manage_users(fake_uow, hasher, update_user, delete_user):
    student = a_stored_user(fake_uow, hasher)
    other = a_stored_user(fake_uow, hasher, email="other@example.com")
    actor = student.as_actor()
    with pytest.raises(PermissionDenied):
        GetUser(fake_uow)(actor, other.id)
    with pytest.raises(PermissionDenied):
        ListUsers(fake_uow)(actor, UserQuery(), PageRequest())
    with pytest.raises(PermissionDenied):
        update_user(actor, other.id, AdminChanges(role=Role.ADMIN))
    with pytest.raises(PermissionDenied):
        delete_user(actor, other.id)
    assert stored(fake_uow, other.id).role is Role.STUDENT


def test_an_admin_promotes_a_student_and_their_current_access_tokens_stop(
    fake_uow, hasher, admin, update_user, blocklist, clock
):
    student = a_stored_user(fake_uow, hasher)
    updated = update_user(admin.as_actor(), student.id, AdminChanges(role=Role.ADMIN))
    assert updated.role is Role.ADMIN
    assert stored(fake_uow, student.id).role is Role.ADMIN
    assert blocklist.revoked_before == {student.id: clock.now()}


def test_a_profile_only_admin_change_keeps_tokens_working(
    fake_uow, hasher, admin, update_user, blocklist
):
    student = a_stored_user(fake_uow, hasher)
    update_user(
        admin.as_actor(),
        student.id,
        AdminChanges(profile=ProfileChanges(bio="Star student"), email_verified=True),
    )
    saved = stored(fake_uow, student.id)
    assert (saved.bio, saved.email_verified) == ("Star student", True)
    assert blocklist.revoked_before == {}


def test_deactivating_a_user_ends_their_sessions(
    fake_uow, hasher, admin, update_user, log_in, refresh, blocklist
):
    student = a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    update_user(admin.as_actor(), student.id, AdminChanges(is_active=False))
    assert student.id in blocklist.revoked_before
    with pytest.raises(InvalidCredentials):
        refresh(session.refresh)
    with pytest.raises(InvalidCredentials):
        log_in(email="ada@example.com", password=PASSWORD)


def test_updating_an_unknown_user_is_not_found(admin, update_user):
    with pytest.raises(NotFound):
        update_user(admin.as_actor(), uuid4(), AdminChanges(is_active=False))


def test_deleting_a_user_anonymises_them_and_they_can_no_longer_log_in(
    fake_uow, hasher, admin, delete_user, log_in, refresh, blocklist, clock
):
    student = a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    delete_user(admin.as_actor(), student.id)
    saved = stored(fake_uow, student.id)
    assert saved.is_active is False
    assert saved.email == Email(f"deleted-{student.id}@users.invalid")
    assert (saved.full_name, saved.bio, saved.avatar_url) == ("Deleted user", "", None)
    assert saved.password_hash == UNUSABLE_PASSWORD_HASH
    assert blocklist.revoked_before == {student.id: clock.now()}
    with pytest.raises(InvalidCredentials):
        log_in(email="ada@example.com", password=PASSWORD)
    with pytest.raises(InvalidCredentials):
        refresh(session.refresh)


def test_an_admin_cannot_delete_themselves(admin, delete_user, fake_uow):
    with pytest.raises(DomainValidationError) as refused:
        delete_user(admin.as_actor(), admin.id)
    assert refused.value.code == "cannot_delete_self"
    assert stored(fake_uow, admin.id).is_active is True


def test_deleting_an_unknown_user_is_not_found(admin, delete_user):
    with pytest.raises(NotFound):
        delete_user(admin.as_actor(), uuid4())


def test_the_admin_list_filters_by_role_activity_and_search(fake_uow, hasher, admin):
    a_stored_user(fake_uow, hasher, email="grace@example.com", role=Role.INSTRUCTOR)
    a_stored_user(fake_uow, hasher, email="alan@example.com", active=False)
    a_stored_user(fake_uow, hasher, email="ada@example.com")
    list_users = ListUsers(fake_uow)

    def emails(query: UserQuery) -> list[str]:
        page = list_users(admin.as_actor(), query, PageRequest())
        return sorted(u.email.value for u in page.items)

    assert emails(UserQuery(role=Role.INSTRUCTOR)) == ["grace@example.com"]
    assert emails(UserQuery(is_active=False)) == ["alan@example.com"]
    assert emails(UserQuery(search="GRA")) == ["grace@example.com"]
    assert emails(UserQuery(role=Role.STUDENT, is_active=True)) == ["ada@example.com"]
