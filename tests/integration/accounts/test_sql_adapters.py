"""The accounts SQL adapters against SQLite and PostgreSQL."""

import threading
from datetime import timedelta
from uuid import uuid4

import pytest

from skillwise.application.accounts.users import UserQuery
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.accounts import OneTimeToken, RefreshToken, TokenPurpose
from skillwise.domain.email_address import Email
from skillwise.domain.errors import Conflict, InvalidCredentials
from skillwise.domain.identity import Role
from tests.factories import NOW, a_user
from tests.integration.accounts.conftest import log_in

pytestmark = pytest.mark.integration


@pytest.fixture
def user(uow_factory):
    user = a_user()
    with uow_factory() as uow:
        uow.users.add(user)
        uow.commit()
    return user


def a_refresh_token(user_id, family_id=None) -> RefreshToken:
    return RefreshToken(
        jti=uuid4().hex,
        user_id=user_id,
        family_id=family_id or uuid4(),
        issued_at=NOW,
        expires_at=NOW + timedelta(days=30),
    )


def test_a_second_account_with_the_same_email_is_a_conflict(uow_factory, user):
    twin = a_user(email=user.email.value.upper())
    with pytest.raises(Conflict) as refused, uow_factory() as uow:
        uow.users.add_unless_email_taken(twin)
    assert refused.value.code == "email_taken"
    with uow_factory() as uow:
        assert uow.users.get(twin.id) is None


def test_one_time_tokens_are_found_by_hash_and_purpose_and_spent_once(uow_factory, user):
    token, value = OneTimeToken.issue(user.id, TokenPurpose.VERIFY_EMAIL, NOW)
    with uow_factory() as uow:
        uow.one_time_tokens.add(token)
        uow.commit()
    with uow_factory() as uow:
        found = uow.one_time_tokens.get_by_hash(token.token_hash, TokenPurpose.VERIFY_EMAIL)
        assert found is not None and found.expires_at == token.expires_at
        assert (
            uow.one_time_tokens.get_by_hash(token.token_hash, TokenPurpose.RESET_PASSWORD) is None
        )
        assert uow.one_time_tokens.mark_used(token.id, NOW) is True
        assert uow.one_time_tokens.mark_used(token.id, NOW) is False
        uow.commit()
    assert value not in token.token_hash


def test_discarding_unused_tokens_keeps_spent_ones_and_other_purposes(uow_factory, user):
    spent, _ = OneTimeToken.issue(user.id, TokenPurpose.VERIFY_EMAIL, NOW)
    spent.used_at = NOW
    pending, _ = OneTimeToken.issue(user.id, TokenPurpose.VERIFY_EMAIL, NOW)
    reset, _ = OneTimeToken.issue(user.id, TokenPurpose.RESET_PASSWORD, NOW)
    with uow_factory() as uow:
        for token in (spent, pending, reset):
            uow.one_time_tokens.add(token)
        uow.one_time_tokens.discard_unused(user.id, TokenPurpose.VERIFY_EMAIL)
        uow.commit()
    with uow_factory() as uow:
        remaining = {
            token.id
            for token in (spent, pending, reset)
            if uow.one_time_tokens.get_by_hash(token.token_hash, token.purpose)
        }
    assert remaining == {spent.id, reset.id}


def test_refresh_tokens_are_spent_once_and_revoked_by_family_or_user(uow_factory, user):
    family = uuid4()
    first, second = a_refresh_token(user.id, family), a_refresh_token(user.id, family)
    other_login = a_refresh_token(user.id)
    with uow_factory() as uow:
        for token in (first, second, other_login):
            uow.refresh_tokens.add(token)
        assert uow.refresh_tokens.mark_used(first.jti, NOW) is True
        assert uow.refresh_tokens.mark_used(first.jti, NOW) is False
        uow.refresh_tokens.revoke_family(family, NOW)
        assert uow.refresh_tokens.mark_used(second.jti, NOW) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.refresh_tokens.get(first.jti).used_at == NOW
        assert uow.refresh_tokens.get(second.jti).revoked_at == NOW
        assert uow.refresh_tokens.get(other_login.jti).revoked_at is None
        uow.refresh_tokens.revoke_all_of(user.id, NOW)
        uow.commit()
    with uow_factory() as uow:
        assert uow.refresh_tokens.get(other_login.jti).revoked_at == NOW


@pytest.mark.postgres
def test_of_two_transactions_that_both_saw_a_token_unspent_only_one_spends_it(uow_factory, user):
    token = a_refresh_token(user.id)
    with uow_factory() as uow:
        uow.refresh_tokens.add(token)
        uow.commit()
    with uow_factory() as late:
        assert late.refresh_tokens.get(token.jti).used_at is None
        with uow_factory() as early:
            assert early.refresh_tokens.mark_used(token.jti, NOW) is True
            early.commit()
        assert late.refresh_tokens.mark_used(token.jti, NOW) is False


@pytest.mark.postgres
def test_two_concurrent_refreshes_with_one_token_yield_one_success(
    app, client, container, make_account
):
    make_account()
    refresh_token = log_in(client).json["refresh"]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def refresh() -> None:
        with app.app_context():
            start.wait()
            try:
                container.accounts.refresh_session()(refresh_token)
                outcomes.append("refreshed")
            except InvalidCredentials:
                outcomes.append("refused")

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refreshed", "refused"]


def test_the_user_search_is_one_count_and_one_page_query(uow_factory, count_statements):
    for n in range(5):
        user = a_user(Role.INSTRUCTOR if n % 2 else Role.STUDENT, email=f"u{n}@example.com")
        user.full_name = f"Person Number{n}"
        with uow_factory() as uow:
            uow.users.add(user)
            uow.commit()
    with uow_factory() as uow, count_statements() as counter:
        page = uow.users.search(
            UserQuery(role=Role.STUDENT, is_active=True, search="NUMBER"),
            PageRequest(page=1, page_size=2),
        )
    queries = [s for s in counter.statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 2
    assert page.total == 3 and len(page.items) == 2
    assert all(u.role is Role.STUDENT for u in page.items)


def test_the_user_search_treats_wildcards_literally(uow_factory):
    with uow_factory() as uow:
        uow.users.add(a_user(email="percent@example.com"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.users.search(UserQuery(search="%"), PageRequest()).total == 0
        assert uow.users.search(UserQuery(search="_"), PageRequest()).total == 0
        assert uow.users.search(UserQuery(search="PERCENT@"), PageRequest()).total == 1


def test_emails_are_looked_up_case_insensitively(uow_factory, user):
    with uow_factory() as uow:
        assert uow.users.get_by_email(Email(user.email.value.upper())).id == user.id
