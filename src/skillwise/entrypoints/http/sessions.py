"""No cookie sessions: the API authenticates every request by its bearer token.

Flask opens its signed-cookie session on each request whether or not a view reads it (a few
percent of a health check's CPU); this app never does, so each request gets the null session,
which refuses writes loudly instead of setting a cookie nobody reads.
"""

from __future__ import annotations

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSessionInterface, SessionMixin


class NoCookieSessions(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        return self.make_null_session(app)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        return None
