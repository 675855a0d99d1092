"""insert_unless_exists: the unique constraint named as the conflict target decides, on both
databases; nothing else is taken for a duplicate."""

import threading
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.tables.core import users

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def a_user_row(email: str, **changes) -> dict:
    return {
        "id": uuid4(),
        "email": email,
        "full_name": "Ada Lovelace",
        "password_hash": "x",
        "role": "student",
        "email_verified": False,
        "is_active": True,
        "bio": "",
        "date_joined": NOW,
        **changes,
    }


def count_users(session) -> int:
    return session.execute(select(func.count()).select_from(users)).scalar_one()


def test_the_first_insert_is_new_and_a_second_with_the_same_key_is_not(uow_factory):
    with uow_factory() as uow:
        session = uow.session
        assert insert_unless_exists(
            session, users, a_user_row("ada@example.com"), unique=("email",)
        )
        assert not insert_unless_exists(
            session, users, a_user_row("ada@example.com", full_name="Twin"), unique=("email",)
        )
        # The refused insert left the transaction usable.
        assert count_users(session) == 1
        uow.commit()
    with uow_factory() as uow:
        [name] = uow.session.execute(select(users.c.full_name)).scalars()
    assert name == "Ada Lovelace"


def test_a_conflict_on_another_constraint_is_not_taken_for_a_duplicate(uow_factory):
    first = a_user_row("ada@example.com")
    with uow_factory() as uow:
        insert_unless_exists(uow.session, users, first, unique=("email",))
        with pytest.raises(IntegrityError):
            insert_unless_exists(
                uow.session,
                users,
                a_user_row("grace@example.com", id=first["id"]),
                unique=("email",),
            )


def test_a_target_that_is_no_unique_constraint_is_refused(uow_factory):
    with uow_factory() as uow, pytest.raises(DBAPIError):
        insert_unless_exists(
            uow.session, users, a_user_row("ada@example.com"), unique=("full_name",)
        )


def test_an_insert_racing_an_uncommitted_one_of_the_same_key_waits_and_is_not_new(uow_factory):
    outcome: list[bool] = []
    with uow_factory() as first:
        assert insert_unless_exists(
            first.session, users, a_user_row("ada@example.com"), unique=("email",)
        )

        def second_sign_up() -> None:
            with uow_factory() as second:
                outcome.append(
                    insert_unless_exists(
                        second.session, users, a_user_row("ada@example.com"), unique=("email",)
                    )
                )
                second.commit()

        racing = threading.Thread(target=second_sign_up)
        racing.start()
        # Still running: the second insert waits on the first transaction's row (or lock).
        racing.join(timeout=0.5)
        assert racing.is_alive()
        first.commit()
    racing.join(timeout=30)
    assert outcome == [False]
    with uow_factory() as uow:
        assert count_users(uow.session) == 1
