"""The client's real address and scheme behind SKILLWISE_TRUSTED_PROXIES proxies.

Each trusted proxy appends the address it saw to X-Forwarded-For, so the n-th value from
the right is the one a client cannot forge; with 0, the header is ignored. Only the address
and the scheme are taken: not every proxy overwrites X-Forwarded-Host, and links are built
from SKILLWISE_PUBLIC_URL anyway.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from skillwise.settings import Settings


def install_trusted_proxies(app: Flask, settings: Settings) -> None:
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies
        )
