"""The access token blocklist: the database adapter, the Redis adapter, and its use per request."""

import os
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from sqlalchemy import func, select

from skillwise.adapters.blocklist.database import DatabaseTokenBlocklist
from skillwise.adapters.blocklist.redis_blocklist import KEY_PREFIX, RedisTokenBlocklist
from skillwise.adapters.cache.invalidation_feed import InvalidationFeed
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.cache.redis_cache import RedisCache
from skillwise.adapters.db.tables.accounts import token_blocklist
from skillwise.adapters.redis_client import build_redis_client
from tests.fakes.basics import FixedClock
from tests.integration.accounts.conftest import API, bearer_of, log_in
from tests.integration.conftest import wipe_redis

pytestmark = pytest.mark.integration

LIFETIME = timedelta(minutes=15)
REDIS_URL = os.environ.get("SKILLWISE_TEST_REDIS_URL")


@pytest.fixture(
    params=[
        "database",
        pytest.param("redis", marks=pytest.mark.redis),
        pytest.param("redis with local copies", marks=pytest.mark.redis),
    ]
)
def blocklist(request, container, settings, clock):
    if request.param == "database":
        yield DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
        return
    client = build_redis_client(REDIS_URL)
    database = DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
    copies = None
    if request.param == "redis with local copies":
        copies = LocallyCopiedCache(
            RedisCache(client, prefix=settings.redis_prefix, namespace=""),
            feed_for=lambda keys: InvalidationFeed(REDIS_URL, keys),
            prefix=KEY_PREFIX,
        )
    yield RedisTokenBlocklist(database, client, clock, prefix=settings.redis_prefix, copies=copies)
    wipe_redis(REDIS_URL, settings.redis_prefix)
    client.close()


def test_a_revoked_token_is_refused_and_others_are_not(blocklist, clock):
    user_id = uuid4()
    blocklist.revoke_token("jti-1", clock.now() + LIFETIME)
    assert blocklist.is_revoked("jti-1", user_id, clock.now()) is True
    assert blocklist.is_revoked("jti-2", user_id, clock.now()) is False


def test_revoking_a_users_tokens_refuses_those_issued_before_and_keeps_later_ones(blocklist, clock):
    user_id, other_id = uuid4(), uuid4()
    cutoff = clock.now()
    blocklist.revoke_tokens_of(user_id, issued_before=cutoff)
    assert blocklist.is_revoked("a", user_id, cutoff - timedelta(milliseconds=1)) is True
    assert blocklist.is_revoked("b", user_id, cutoff + timedelta(milliseconds=1)) is False
    assert blocklist.is_revoked("c", other_id, cutoff - timedelta(minutes=1)) is False


def test_a_later_cutoff_replaces_an_earlier_one(blocklist, clock):
    user_id = uuid4()
    blocklist.revoke_tokens_of(user_id, issued_before=clock.now())
    later = clock.now() + timedelta(minutes=5)
    blocklist.revoke_tokens_of(user_id, issued_before=later)
    assert blocklist.is_revoked("a", user_id, later - timedelta(seconds=1)) is True


@pytest.mark.redis
def test_redis_entries_expire_with_the_tokens_they_refuse(container, settings):
    clock = FixedClock()
    client = build_redis_client(REDIS_URL)
    try:
        database = DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
        blocklist = RedisTokenBlocklist(database, client, clock, prefix=settings.redis_prefix)
        blocklist.refill()
        blocklist.revoke_token("jti-1", clock.now() + timedelta(minutes=3))
        blocklist.revoke_tokens_of(uuid4(), issued_before=clock.now())
        marker = f"{settings.redis_prefix}blocklist:complete"
        keys = sorted(
            k.decode()
            for k in client.scan_iter(match=f"{settings.redis_prefix}*")
            if k.decode() != marker
        )
        assert len(keys) == 2
        assert all(k.startswith(f"{settings.redis_prefix}blocklist:") for k in keys)
        ttls = sorted(client.ttl(k) for k in keys)
        assert 0 < ttls[0] <= 180 and 180 < ttls[1] <= 15 * 60
    finally:
        wipe_redis(REDIS_URL, settings.redis_prefix)
        client.close()


def test_an_unreachable_redis_leaves_the_database_to_record_and_answer(container):
    clock = FixedClock()
    database = DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
    dead = build_redis_client("redis://127.0.0.1:1/0")
    blocklist = RedisTokenBlocklist(database, dead, clock)
    user_id, family_id = uuid4(), uuid4()
    blocklist.revoke_token("jti-1", clock.now() + LIFETIME)
    blocklist.revoke_family(family_id, clock.now())
    assert blocklist.is_revoked("jti-1", user_id, clock.now()) is True
    assert blocklist.is_revoked("jti-2", user_id, clock.now(), family_id) is True
    assert blocklist.is_revoked("jti-2", user_id, clock.now(), uuid4()) is False
    assert database.is_revoked("jti-1", user_id, clock.now()) is True


def test_a_revoked_family_refuses_its_tokens_and_no_others(blocklist, clock):
    user_id, family_id = uuid4(), uuid4()
    blocklist.revoke_family(family_id, clock.now())
    assert blocklist.is_revoked("a", user_id, clock.now(), family_id) is True
    assert blocklist.is_revoked("b", user_id, clock.now(), uuid4()) is False
    assert blocklist.is_revoked("c", user_id, clock.now()) is False


@pytest.mark.redis
def test_a_redis_that_lost_its_keys_is_refilled_from_the_database(container, settings, clock):
    client = build_redis_client(REDIS_URL)
    try:
        database = DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
        blocklist = RedisTokenBlocklist(database, client, clock, prefix=settings.redis_prefix)
        user_id = uuid4()
        blocklist.revoke_token("gone", clock.now() + LIFETIME)
        assert blocklist.is_revoked("gone", user_id, clock.now()) is True
        wipe_redis(REDIS_URL, settings.redis_prefix)  # as a restart without persistence would
        assert blocklist.is_revoked("gone", user_id, clock.now()) is True
        assert client.exists(f"{settings.redis_prefix}blocklist:jti:gone") == 1
    finally:
        wipe_redis(REDIS_URL, settings.redis_prefix)
        client.close()


def test_the_database_blocklist_purges_rows_past_their_expiry(container):
    clock = FixedClock()
    blocklist = DatabaseTokenBlocklist(container.infra.engine(), clock, LIFETIME)
    blocklist.revoke_token("old", clock.now() + timedelta(minutes=1))
    clock.advance(minutes=2)
    blocklist.revoke_token("new", clock.now() + timedelta(minutes=1))
    with container.infra.engine().connect() as connection:
        keys = connection.execute(select(token_blocklist.c.key)).scalars().all()
        total = connection.execute(select(func.count()).select_from(token_blocklist)).scalar()
    assert keys == ["jti:new"] and total == 1


def test_the_app_uses_redis_when_configured_and_the_database_otherwise(container, settings):
    expected = RedisTokenBlocklist if settings.redis_url else DatabaseTokenBlocklist
    assert isinstance(container.accounts.token_blocklist(), expected)


def test_a_revoked_access_token_is_refused_on_public_endpoints_too(client, make_account):
    make_account()
    session = log_in(client).json
    client.post(f"{API}/auth/logout/", headers=bearer_of(session))
    response = client.post(f"{API}/auth/verify-email/resend/", headers=bearer_of(session), json={})
    assert response.status_code == 401
    assert response.json["error"] == "token_revoked"


def test_a_token_with_an_unparsable_subject_is_refused(app, client):
    from flask_jwt_extended import create_access_token

    with app.app_context():
        token = create_access_token(identity="not-a-uuid", additional_claims={"role": "admin"})
    response = client.get(f"{API}/profile/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


@pytest.mark.redis
def test_the_app_s_blocklist_copies_read_the_keys_the_blocklist_writes(container, settings):
    if not settings.redis_url:
        pytest.skip("this stack has no Redis")
    blocklist = container.accounts.token_blocklist()
    assert settings.local_cache_mb > 0
    try:
        blocklist.refill()
        blocklist.revoke_token("jti-wired", datetime.now(UTC) + LIFETIME)
        copies = blocklist._copies
        assert copies.fetch_many(["blocklist:complete", "blocklist:jti:jti-wired"]) == [
            b"1",
            b"-",
        ]
    finally:
        wipe_redis(REDIS_URL, settings.redis_prefix)
