"""Unsubscribe links signed with HMAC-SHA256 under a key derived from the app's secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlencode
from uuid import UUID

from skillwise.application.notifications.unsubscribe import UnsubscribeTarget
from skillwise.domain.errors import InvalidUnsubscribeLink

UNSUBSCRIBE_PATH = "/api/v1/notifications/unsubscribe/"


class HmacUnsubscribeLinks:
    """`?u=<user id>.<kind>.<signature>`: readable, and refused unless we signed it.

    The links never expire: a reader may act on an old email, and all a link can do is turn
    one kind of email off for its recipient.
    """

    def __init__(self, secret_key: str, public_url: str) -> None:
        # A key of its own, so a signature here can never be replayed as another token's.
        self._key = hmac.new(secret_key.encode(), b"unsubscribe-links", hashlib.sha256).digest()
        self._public_url = public_url.rstrip("/")

    def url_for(self, target: UnsubscribeTarget) -> str:
        return f"{self._public_url}{UNSUBSCRIBE_PATH}?{urlencode({'u': self.sign(target)})}"

    def sign(self, target: UnsubscribeTarget) -> str:
        unsigned = f"{target.user_id.hex}.{target.kind}"
        return f"{unsigned}.{self._signature(unsigned)}"

    def read(self, value: str) -> UnsubscribeTarget:
        unsigned, _, signature = value.rpartition(".")
        user_hex, _, kind = unsigned.partition(".")
        expected = self._signature(unsigned).encode()
        if not kind or not hmac.compare_digest(signature.encode(), expected):
            raise InvalidUnsubscribeLink()
        try:
            return UnsubscribeTarget(user_id=UUID(hex=user_hex), kind=kind)
        except ValueError:
            raise InvalidUnsubscribeLink() from None

    def _signature(self, unsigned: str) -> str:
        digest = hmac.new(self._key, unsigned.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
