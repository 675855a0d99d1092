"""Login, refresh rotation with reuse detection, and logout, with fakes."""

from datetime import timedelta

import pytest

from skillwise.domain.errors import InvalidCredentials
from skillwise.domain.identity import Role
from tests.unit.accounts.conftest import PASSWORD, a_stored_user


def test_login_answers_an_access_and_a_refresh_token_and_the_user(
    log_in, fake_uow, hasher, tokens, clock
):
    user = a_stored_user(fake_uow, hasher, role=Role.INSTRUCTOR)
    session = log_in(email="ADA@example.com", password=PASSWORD)
    assert session.user.id == user.id
    access, refresh = tokens.issued[session.access], tokens.issued[session.refresh]
    assert (access.kind, access.user_id, access.role) == ("access", user.id, "instructor")
    assert access.expires_at - clock.now() == timedelta(minutes=15)
    assert (refresh.kind, refresh.user_id) == ("refresh", user.id)
    assert refresh.expires_at - clock.now() == timedelta(days=30)
    [stored] = fake_uow.refresh_tokens.of(user.id)
    assert stored.jti == session.refresh and stored.used_at is None


def test_unverified_users_may_log_in(log_in, fake_uow, hasher):
    a_stored_user(fake_uow, hasher, verified=False)
    assert log_in(email="ada@example.com", password=PASSWORD).user.email_verified is False


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(log_in, fake_uow, hasher):
    a_stored_user(fake_uow, hasher)
    with pytest.raises(InvalidCredentials) as wrong_password:
        log_in(email="ada@example.com", password="Not-the-password-1")
    with pytest.raises(InvalidCredentials) as unknown_email:
        log_in(email="nobody@example.com", password=PASSWORD)
    assert wrong_password.value.message == unknown_email.value.message
    assert wrong_password.value.code == unknown_email.value.code == "invalid_credentials"
    assert fake_uow.refresh_tokens.rows == {}


def test_an_unknown_email_still_costs_a_password_check(log_in, hasher):
    with pytest.raises(InvalidCredentials):
        log_in(email="nobody@example.com", password=PASSWORD)
    assert hasher.verified == [hasher.dummy_hash]


def test_a_deactivated_user_cannot_log_in_and_is_told_as_for_a_bad_password(
    log_in, fake_uow, hasher
):
    a_stored_user(fake_uow, hasher, active=False)
    with pytest.raises(InvalidCredentials) as refused:
        log_in(email="ada@example.com", password=PASSWORD)
    assert refused.value.message == "The email or password is incorrect."


def test_a_hash_made_with_older_parameters_is_upgraded_at_login(fake_uow, tokens, clock):
    from skillwise.application.accounts.use_cases.log_in import LogIn
    from tests.fakes.accounts import FakePasswordHasher

    user = a_stored_user(fake_uow, FakePasswordHasher(version=1))
    upgraded = FakePasswordHasher(version=2)
    LogIn(fake_uow, upgraded, tokens, clock)(email="ada@example.com", password=PASSWORD)
    assert fake_uow.users.get(user.id).password_hash == upgraded.hash(PASSWORD)


def test_a_refresh_token_is_rotated_into_a_new_pair_of_the_same_family(
    log_in, refresh, fake_uow, hasher, tokens
):
    user = a_stored_user(fake_uow, hasher)
    first = log_in(email="ada@example.com", password=PASSWORD)
    second = refresh(first.refresh)
    assert second.refresh != first.refresh and second.access != first.access
    old, new = (
        fake_uow.refresh_tokens.get(first.refresh),
        fake_uow.refresh_tokens.get(second.refresh),
    )
    assert old.used_at is not None and new.used_at is None
    assert old.family_id == new.family_id
    assert tokens.issued[second.access].user_id == user.id


def test_reusing_a_spent_refresh_token_revokes_the_whole_family(log_in, refresh, fake_uow, hasher):
    a_stored_user(fake_uow, hasher)
    first = log_in(email="ada@example.com", password=PASSWORD)
    second = refresh(first.refresh)
    with pytest.raises(InvalidCredentials) as reused:
        refresh(first.refresh)
    assert reused.value.code == "refresh_token_reused"
    with pytest.raises(InvalidCredentials) as descendant:
        refresh(second.refresh)
    assert descendant.value.code == "token_revoked"
    assert all(t.revoked_at is not None for t in fake_uow.refresh_tokens.rows.values())


def test_reuse_leaves_other_logins_of_the_same_user_alone(log_in, refresh, fake_uow, hasher):
    a_stored_user(fake_uow, hasher)
    phone = log_in(email="ada@example.com", password=PASSWORD)
    laptop = log_in(email="ada@example.com", password=PASSWORD)
    refresh(phone.refresh)
    with pytest.raises(InvalidCredentials):
        refresh(phone.refresh)
    assert refresh(laptop.refresh).user.email.value == "ada@example.com"


def test_a_refresh_token_expires_after_30_days(log_in, refresh, fake_uow, hasher, clock):
    a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    clock.advance(days=30)
    with pytest.raises(InvalidCredentials) as expired:
        refresh(session.refresh)
    assert expired.value.code == "token_expired"


def test_an_access_token_is_not_a_refresh_token(log_in, refresh, fake_uow, hasher):
    a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    with pytest.raises(InvalidCredentials) as refused:
        refresh(session.access)
    assert refused.value.code == "invalid_token"


def test_a_deactivated_user_cannot_refresh(log_in, refresh, fake_uow, hasher):
    user = a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    with fake_uow:
        user.is_active = False
        fake_uow.users.save(user)
        fake_uow.commit()
    with pytest.raises(InvalidCredentials) as refused:
        refresh(session.refresh)
    assert refused.value.code == "token_revoked"
    assert fake_uow.refresh_tokens.get(session.refresh).revoked_at is not None


def test_refresh_carries_the_current_role_into_the_new_access_token(
    log_in, refresh, fake_uow, hasher, tokens
):
    user = a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    with fake_uow:
        user.role = Role.INSTRUCTOR
        fake_uow.users.save(user)
        fake_uow.commit()
    assert tokens.issued[refresh(session.refresh).access].role == "instructor"


def test_logout_blocks_the_access_token_until_it_expires_and_ends_the_refresh_family(
    log_in, log_out, refresh, fake_uow, hasher, blocklist, tokens
):
    user = a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    access = tokens.issued[session.access]
    log_out(
        user.as_actor(),
        access_jti=session.access,
        access_expires_at=access.expires_at,
        refresh_token=session.refresh,
    )
    assert blocklist.revoked_jtis == {session.access: access.expires_at}
    with pytest.raises(InvalidCredentials) as refused:
        refresh(session.refresh)
    assert refused.value.code == "token_revoked"


def test_logout_ignores_a_refresh_token_that_belongs_to_someone_else(
    log_in, log_out, refresh, fake_uow, hasher, tokens
):
    a_stored_user(fake_uow, hasher)
    mallory = a_stored_user(fake_uow, hasher, email="mallory@example.com")
    victim = log_in(email="ada@example.com", password=PASSWORD)
    own = log_in(email="mallory@example.com", password=PASSWORD)
    log_out(
        mallory.as_actor(),
        access_jti=own.access,
        access_expires_at=tokens.issued[own.access].expires_at,
        refresh_token=victim.refresh,
    )
    assert fake_uow.refresh_tokens.get(victim.refresh).revoked_at is None
    assert refresh(victim.refresh).user.email.value == "ada@example.com"


def test_logout_with_an_invalid_refresh_token_still_blocks_the_access_token(
    log_in, log_out, fake_uow, hasher, blocklist, tokens
):
    user = a_stored_user(fake_uow, hasher)
    session = log_in(email="ada@example.com", password=PASSWORD)
    log_out(
        user.as_actor(),
        access_jti=session.access,
        access_expires_at=tokens.issued[session.access].expires_at,
        refresh_token="garbage",
    )
    assert session.access in blocklist.revoked_jtis


def test_reuse_blocks_every_access_token_of_the_family(
    log_in, refresh, fake_uow, hasher, tokens, blocklist, clock
):
    user = a_stored_user(fake_uow, hasher)
    first = log_in(email="ada@example.com", password=PASSWORD)
    second = refresh(first.refresh)
    other = log_in(email="ada@example.com", password=PASSWORD)
    with pytest.raises(InvalidCredentials):
        refresh(first.refresh)

    def refused(access: str) -> bool:
        return blocklist.is_revoked(access, user.id, clock.now(), tokens.families[access])

    assert refused(first.access) and refused(second.access)
    assert not refused(other.access)


def test_logout_with_the_refresh_token_blocks_the_sessions_earlier_access_tokens(
    log_in, refresh, log_out, fake_uow, hasher, tokens, blocklist, clock
):
    user = a_stored_user(fake_uow, hasher)
    first = log_in(email="ada@example.com", password=PASSWORD)
    second = refresh(first.refresh)
    log_out(
        user.as_actor(),
        access_jti=second.access,
        access_expires_at=clock.now(),
        refresh_token=second.refresh,
    )
    assert blocklist.is_revoked(first.access, user.id, clock.now(), tokens.families[first.access])
