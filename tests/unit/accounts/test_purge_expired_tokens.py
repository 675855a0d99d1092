from skillwise.application.accounts.use_cases.purge_expired_tokens import PurgeExpiredTokens
from tests.unit.accounts.conftest import PASSWORD, a_stored_user


def test_purging_forgets_only_tokens_past_their_expiry(register, log_in, fake_uow, hasher, clock):
    register(email="new@example.com", password=PASSWORD, full_name="New Person")
    a_stored_user(fake_uow, hasher)
    log_in(email="ada@example.com", password=PASSWORD)
    purge = PurgeExpiredTokens(fake_uow, clock)

    assert purge().one_time_tokens == 0
    assert len(fake_uow.refresh_tokens.rows) == 1

    clock.advance(days=3)
    fresh = log_in(email="ada@example.com", password=PASSWORD)
    purged = purge()
    assert (purged.one_time_tokens, purged.refresh_tokens) == (1, 0)

    clock.advance(days=29)
    purged = purge()
    assert purged.refresh_tokens == 1
    assert len(fake_uow.refresh_tokens.rows) == 1
    assert fresh.refresh is not None
