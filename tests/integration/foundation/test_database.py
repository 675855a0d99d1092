from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import inspect

from skillwise.adapters.db.migrate import downgrade, upgrade
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.email import queue_email
from skillwise.domain.email_address import Email
from skillwise.domain.users import User

pytestmark = pytest.mark.integration


def make_user(email="ada@example.com"):
    return User(
        email=Email(email),
        full_name="Ada Lovelace",
        password_hash="x",
        date_joined=datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
    )


def test_migrations_create_every_table_and_go_down_and_up_again(stack, container):
    engine = container.infra.engine()
    assert {"users", "courses", "modules", "lessons", "enrollments", "outbox"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()
    downgrade(stack.database_url, "base")
    try:
        assert "users" not in inspect(container.infra.engine()).get_table_names()
    finally:
        container.infra.engine().dispose()
        upgrade(stack.database_url)


def test_a_unit_of_work_keeps_nothing_without_commit(uow_factory):
    user = make_user()
    with uow_factory() as uow:
        uow.users.add(user)
    with uow_factory() as uow:
        assert uow.users.get(user.id) is None


def test_committed_users_come_back_whole_with_aware_utc_times(uow_factory):
    user = make_user("Grace@Example.com")
    with uow_factory() as uow:
        uow.users.add(user)
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.users.get_by_email(Email("grace@example.com"))
    assert loaded is not None and loaded.id == user.id
    assert loaded.date_joined == user.date_joined
    assert loaded.date_joined.utcoffset() == timedelta(0)


def test_the_database_refuses_a_second_account_with_the_same_email(uow_factory):
    from sqlalchemy.exc import IntegrityError

    with uow_factory() as uow:
        uow.users.add(make_user())
        uow.commit()
    with pytest.raises(IntegrityError), uow_factory() as uow:
        uow.users.add(make_user())
        uow.commit()


def test_an_email_recorded_in_the_outbox_is_delivered_after_commit(
    uow_factory, container, outbox_mailer
):
    clock = container.infra.clock()
    with uow_factory() as uow:
        queue_email(uow, clock, to="ada@example.com", subject="Welcome", text="Hello")
        assert outbox_mailer.sent == []
        uow.commit()
    assert [m.subject for m in outbox_mailer.sent] == ["Welcome"]
    relayed = container.infra.relay_stale_outbox()(older_than_seconds=0)
    assert relayed == 0


def test_a_rolled_back_transaction_invalidates_nothing_and_relays_nothing(
    uow_factory, container, outbox_mailer
):
    catalog_cache = container.infra.catalog_cache()
    list_version = catalog_cache.list_version()
    course_id = uuid4()
    with pytest.raises(RuntimeError), uow_factory() as uow:
        queue_email(uow, container.infra.clock(), to="ada@example.com", subject="Lost", text="x")
        uow.after_commit(CourseChanged(course_id))
        raise RuntimeError("the use case failed after declaring its effects")

    assert outbox_mailer.sent == []
    assert catalog_cache.list_version() == list_version
    assert catalog_cache.course_version(course_id) == 0
    assert container.infra.relay_stale_outbox()(older_than_seconds=0) == 0

    with uow_factory() as uow:
        uow.after_commit(CourseChanged(course_id))
        uow.commit()
    assert catalog_cache.course_version(course_id) == 1


# Expression indexes cannot be compared by autogenerate (SQLite cannot even reflect them):
# they are checked by name on PostgreSQL instead.
EXPRESSION_INDEXES = {
    "ix_courses_search_document",
    "ix_courses_status_rating_rank",
    "ix_courses_status_rating_ascending_rank",
}


# A column of a type SQLite lacks, made by a migration on PostgreSQL only (migration 0017).
POSTGRES_ONLY_COLUMNS = {"search_document"}


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection:sqlalchemy.exc.SAWarning")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression")
def test_the_migrations_build_exactly_the_tables_the_code_declares(container, stack):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from skillwise.adapters.db.tables import metadata

    def comparable(item, name, type_, reflected, compare_to) -> bool:
        if type_ == "column" and name in POSTGRES_ONLY_COLUMNS:
            return False
        return not (type_ == "index" and name in EXPRESSION_INDEXES)

    with container.infra.engine().connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": comparable}
        )
        differences = compare_metadata(context, metadata)
        if stack.is_postgres:
            names = {index["name"] for index in inspect(connection).get_indexes("courses")}
            assert names >= EXPRESSION_INDEXES
            columns = {column["name"] for column in inspect(connection).get_columns("courses")}
            assert columns >= POSTGRES_ONLY_COLUMNS
    assert differences == []


def test_the_connection_pool_has_a_connection_for_every_request_thread():
    from skillwise.adapters.db.engine import pool_size

    assert pool_size({}) >= 4
    assert pool_size({"GUNICORN_THREADS": "32"}) == 32
