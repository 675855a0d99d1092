"""The user account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from urllib.parse import urlsplit
from uuid import UUID, uuid4

from skillwise.domain.email_address import Email
from skillwise.domain.errors import Conflict, DomainValidationError, PermissionDenied
from skillwise.domain.identity import SELF_ASSIGNABLE_ROLES, Actor, Role

# Not an argon2 string, so no password ever verifies against it.
UNUSABLE_PASSWORD_HASH = "!unusable"

MAX_FULL_NAME_LENGTH = 200
MAX_BIO_LENGTH = 5000
MAX_AVATAR_URL_LENGTH = 500


class Unchanged(Enum):
    """Marks a field the caller did not send (None may be a real value, e.g. no avatar)."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """What a user may change about themselves."""

    full_name: str | Unchanged = UNCHANGED
    bio: str | Unchanged = UNCHANGED
    avatar_url: str | Unchanged | None = UNCHANGED


@dataclass(frozen=True, slots=True)
class AdminChanges:
    """What an admin may change about an account, beyond its profile."""

    profile: ProfileChanges = ProfileChanges()
    role: Role | Unchanged = UNCHANGED
    is_active: bool | Unchanged = UNCHANGED
    email_verified: bool | Unchanged = UNCHANGED


def role_chosen_at_sign_up(value: str) -> Role:
    """Students and instructors choose themselves; admin is never self-assigned."""
    try:
        role = Role(value)
    except ValueError:
        role = None
    if role not in SELF_ASSIGNABLE_ROLES:
        raise DomainValidationError(
            "Sign up as a student or an instructor.", code="role_not_allowed"
        )
    return role


def email_already_registered() -> Conflict:
    return Conflict("An account with this email address already exists.", code="email_taken")


def checked_full_name(value: str) -> str:
    name = value.strip()
    if not name or len(name) > MAX_FULL_NAME_LENGTH:
        raise DomainValidationError(
            f"The full name must be 1 to {MAX_FULL_NAME_LENGTH} characters.", code="invalid_name"
        )
    return name


def checked_avatar_url(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    url = value.strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or len(url) > MAX_AVATAR_URL_LENGTH
    ):
        raise DomainValidationError(
            "The avatar must be an http or https URL.", code="invalid_avatar_url"
        )
    return url


def checked_bio(value: str) -> str:
    if len(value) > MAX_BIO_LENGTH:
        raise DomainValidationError(
            f"The bio may have at most {MAX_BIO_LENGTH} characters.", code="invalid_bio"
        )
    return value


@dataclass(eq=False)
class User:
    email: Email
    full_name: str
    password_hash: str
    date_joined: datetime
    role: Role = Role.STUDENT
    email_verified: bool = False
    is_active: bool = True
    bio: str = ""
    avatar_url: str | None = None
    id: UUID = field(default_factory=uuid4)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, User) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def as_actor(self) -> Actor:
        return Actor(user_id=self.id, role=self.role)

    def require_verified_email(self) -> None:
        """Buying needs a verified address: receipts and invoices must reach the buyer."""
        if not self.email_verified:
            raise PermissionDenied(
                "Verify your email address before buying a course.", code="email_not_verified"
            )

    def change_profile(self, changes: ProfileChanges) -> None:
        if changes.full_name is not UNCHANGED:
            self.full_name = checked_full_name(changes.full_name)
        if changes.bio is not UNCHANGED:
            self.bio = checked_bio(changes.bio)
        if changes.avatar_url is not UNCHANGED:
            self.avatar_url = checked_avatar_url(changes.avatar_url)

    def apply_admin_changes(self, changes: AdminChanges, by: Actor) -> None:
        """An admin may not demote or deactivate themselves: the platform keeps an admin."""
        if by.user_id == self.id:
            if changes.role not in (UNCHANGED, self.role):
                raise DomainValidationError(
                    "You cannot change your own role.", code="cannot_change_own_role"
                )
            if changes.is_active is False:
                raise DomainValidationError(
                    "You cannot deactivate your own account.", code="cannot_deactivate_self"
                )
        self.change_profile(changes.profile)
        if changes.role is not UNCHANGED:
            self.role = changes.role
        if changes.is_active is not UNCHANGED:
            self.is_active = changes.is_active
        if changes.email_verified is not UNCHANGED:
            self.email_verified = changes.email_verified

    def deactivate_and_anonymise(self) -> None:
        """What deleting an account means: it stays for the payments that refer to it."""
        self.is_active = False
        self.email = Email(f"deleted-{self.id}@users.invalid")
        self.full_name = "Deleted user"
        self.bio = ""
        self.avatar_url = None
        self.password_hash = UNUSABLE_PASSWORD_HASH
