"""Checks and errors several account use cases share."""

from __future__ import annotations

from skillwise.domain.errors import NotFound, PermissionDenied
from skillwise.domain.identity import Actor


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDenied("Only admins manage user accounts.", code="admin_only")


def user_not_found() -> NotFound:
    return NotFound("There is no such user.", code="user_not_found")


def account_gone() -> NotFound:
    return NotFound("Your account no longer exists.", code="account_not_found")
