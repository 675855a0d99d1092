"""The argon2id password hasher."""

import pytest

from skillwise.adapters.security.argon2_hasher import Argon2PasswordHasher
from skillwise.domain.users import UNUSABLE_PASSWORD_HASH

pytestmark = pytest.mark.integration

PASSWORD = "Correct-horse-7"


@pytest.fixture(scope="module")
def fast() -> Argon2PasswordHasher:
    return Argon2PasswordHasher("fast")


def test_hashes_are_salted_argon2id_and_verify_only_the_right_password(fast):
    first, second = fast.hash(PASSWORD), fast.hash(PASSWORD)
    assert first.startswith("$argon2id$") and first != second
    assert fast.verify(first, PASSWORD) is True
    assert fast.verify(first, "correct-horse-7") is False


@pytest.mark.parametrize("stored", [UNUSABLE_PASSWORD_HASH, "", "not-a-hash", "$argon2id$broken"])
def test_unusable_or_corrupt_hashes_verify_nothing(fast, stored):
    assert fast.verify(stored, PASSWORD) is False
    assert fast.needs_rehash(stored) is False


def test_the_dummy_hash_is_a_real_hash_that_no_password_matches(fast):
    assert fast.dummy_hash.startswith("$argon2id$")
    assert fast.dummy_hash == fast.dummy_hash
    assert fast.verify(fast.dummy_hash, PASSWORD) is False


def test_hashes_made_with_the_fast_test_profile_need_a_rehash_under_the_default_one(fast):
    weak = fast.hash(PASSWORD)
    default = Argon2PasswordHasher()
    assert "m=8,t=1,p=1" in weak
    assert default.needs_rehash(weak) is True
    assert fast.needs_rehash(weak) is False


def test_an_unknown_profile_is_refused():
    with pytest.raises(ValueError, match="profile"):
        Argon2PasswordHasher("instant")
