"""RefreshSession: rotate a refresh token into a new access and refresh token."""

from __future__ import annotations

from skillwise.application.accounts.ports import TokenBlocklist, TokenIssuer
from skillwise.application.accounts.sessions import IssuedSession, start_session
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import InvalidCredentials


def session_ended() -> InvalidCredentials:
    return InvalidCredentials("This session has ended; sign in again.", code="token_revoked")


class RefreshSession:
    """Each refresh token works once. Presenting a spent one means it was copied: the whole
    family (every token descended from that login, access tokens included) is revoked and the
    caller must sign in."""

    def __init__(
        self, uow: UnitOfWork, tokens: TokenIssuer, blocklist: TokenBlocklist, clock: Clock
    ) -> None:
        self._uow = uow
        self._tokens = tokens
        self._blocklist = blocklist
        self._clock = clock

    def __call__(self, refresh_token: str) -> IssuedSession:
        claims = self._tokens.read_refresh_token(refresh_token)
        now = self._clock.now()
        with self._uow as uow:
            stored = uow.refresh_tokens.get(claims.jti)
            if stored is None or stored.user_id != claims.user_id:
                raise InvalidCredentials("The refresh token is not valid.", code="invalid_token")
            stored.require_fresh(now)
            user = uow.users.get(stored.user_id)
            if user is None or not user.is_active:
                ended = session_ended()
            # A spent token was copied, or another refresh with it won the race just now:
            # nothing of this family may be used again.
            elif stored.is_spent or not uow.refresh_tokens.mark_used(stored.jti, now):
                ended = InvalidCredentials(
                    "This refresh token was used already; sign in again.",
                    code="refresh_token_reused",
                )
            else:
                session = start_session(uow, self._tokens, user, now, family_id=stored.family_id)
                uow.commit()
                return session
            uow.refresh_tokens.revoke_family(stored.family_id, now)
            uow.commit()
        self._blocklist.revoke_family(stored.family_id, now)
        raise ended
