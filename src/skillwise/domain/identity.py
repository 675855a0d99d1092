"""Who is calling: roles and the actor a use case acts for."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from skillwise.domain.errors import PermissionDenied


class Role(StrEnum):
    STUDENT = "student"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


SELF_ASSIGNABLE_ROLES = frozenset({Role.STUDENT, Role.INSTRUCTOR})


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in caller. Guests are represented by `None` where an actor is optional."""

    user_id: UUID
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_teach(self) -> bool:
        return self.role in (Role.INSTRUCTOR, Role.ADMIN)

    def ensure_is_admin(self, to: str) -> None:
        """Refuse anyone but an admin, saying what only admins may do (`to` "decide reports")."""
        if not self.is_admin:
            raise PermissionDenied(f"Only admins {to}.", code="admin_only")

    def owns_or_administers(self, owner_id: UUID) -> bool:
        return self.is_admin or self.user_id == owner_id
