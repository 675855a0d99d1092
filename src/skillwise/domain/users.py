"""The user account."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.domain.email_address import Email
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.identity import Actor, Role


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
