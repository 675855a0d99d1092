"""Password hashing with argon2id (argon2-cffi)."""

from __future__ import annotations

import secrets

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

# Tests hash hundreds of passwords: the "fast" profile keeps argon2id but with the smallest
# parameters it accepts. Never use it for real accounts.
PROFILES = {
    "default": argon2.PasswordHasher(),
    "fast": argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
}


class Argon2PasswordHasher:
    def __init__(self, profile: str = "default") -> None:
        if profile not in PROFILES:
            raise ValueError(f"unknown password hash profile {profile!r}")
        self._hasher = PROFILES[profile]
        self._dummy_hash: str | None = None

    @property
    def dummy_hash(self) -> str:
        # Made on first use, not per process start: most processes never need it.
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        return self._dummy_hash

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return False
