"""One-click unsubscribe (RFC 8058): the signed link every non-security email carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.notifications import Channel, preference_kind


@dataclass(frozen=True, slots=True)
class UnsubscribeTarget:
    """Whose emails of which kind a link turns off."""

    user_id: UUID
    kind: str


class UnsubscribeLinks(Protocol):
    """Makes and reads the links; they work without signing in, so they are signed."""

    def url_for(self, target: UnsubscribeTarget) -> str: ...

    def read(self, value: str) -> UnsubscribeTarget:
        """The target of a link's signed value; raises InvalidUnsubscribeLink if it is not
        one `url_for` made."""
        ...


@dataclass(frozen=True, slots=True)
class Unsubscribable:
    """What an email about one kind of notification adds to let its reader opt out."""

    headers: dict[str, str]
    footer: str


def wants_email(uow: UnitOfWork, user_id: UUID, kind: str) -> bool:
    governing = preference_kind(kind)
    return governing is None or uow.notification_preferences.allows(
        user_id, governing, Channel.EMAIL
    )


def unsubscribable(links: UnsubscribeLinks, user_id: UUID, kind: str) -> Unsubscribable:
    url = links.url_for(UnsubscribeTarget(user_id=user_id, kind=preference_kind(kind) or kind))
    return Unsubscribable(
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        footer=f"\n\n--\nTo stop emails like this one: {url}",
    )
