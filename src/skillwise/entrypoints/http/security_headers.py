"""Security headers on every answer, and a Content-Security-Policy fitted to each HTML page.

JSON answers may load nothing. The three kinds of HTML page get exactly what they use: the
payment pages their one stylesheet block; Swagger UI its scripts from this server plus the
inline block that starts it; ReDoc its script, served from here too, and the search worker it
builds from a blob.
No page may be framed (clickjacking on the checkout's Pay button).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, request

from skillwise.settings import Settings

SWAGGER_UI_ENDPOINT = "api-docs.openapi_swagger_ui"
REDOC_ENDPOINT = "api-docs.openapi_redoc"
HSTS = "max-age=63072000; includeSubDomains"

_TEMPLATES = Path(__file__).parent / "templates"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)

_ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
_LOCKED = {"base-uri": "'none'", "frame-ancestors": "'none'"}


def install_security_headers(app: Flask, settings: Settings) -> None:
    """HTML pages get their policy here, where the page and its endpoint are known; every
    other header, and JSON's policy, is added by the edge (`answer_headers`)."""
    policies = _Policies(app, settings)

    def add_page_policy(response: Response) -> Response:
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", policies.for_page(response))
        return response

    app.after_request(add_page_policy)


def answer_headers(settings: Settings) -> list[tuple[str, str]]:
    """What every answer carries unless it set its own: JSON answers may load nothing."""
    headers = [
        *_ALWAYS.items(),
        ("Content-Security-Policy", _policy({"default-src": "'none'", "form-action": "'none'"})),
    ]
    if settings.is_production:
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


class _Policies:
    def __init__(self, app: Flask, settings: Settings) -> None:
        # The style block is the template's own text, never rendered from input.
        page_styles = _INLINE_STYLE.findall((_TEMPLATES / "payment_page.html").read_text())
        self._payment_page = _policy(
            {"default-src": "'none'", "style-src": _hashes(page_styles), "form-action": "'self'"}
        )
        api_origin = _origin(settings.public_url)
        self._connect = " ".join(dict.fromkeys(["'self'", api_origin]))
        redoc_origin = _origin(app.config.get("OPENAPI_REDOC_URL") or "")
        self._redoc = _policy(
            {
                "default-src": "'none'",
                "script-src": redoc_origin or "'self'",
                "style-src": "'unsafe-inline'",
                "img-src": "'self' data:",
                "font-src": "'self' data:",
                "connect-src": self._connect,
                "worker-src": "blob:",
                "form-action": "'none'",
            }
        )

    def for_page(self, response: Response) -> str:
        if request.endpoint == REDOC_ENDPOINT:
            return self._redoc
        if request.endpoint == SWAGGER_UI_ENDPOINT:
            return self._swagger(response)
        return self._payment_page

    def _swagger(self, response: Response) -> str:
        # The page is rendered from the app's config alone (no request input), so allowing the
        # inline script it holds allows only the script this server wrote.
        scripts = _INLINE_SCRIPT.findall(response.get_data(as_text=True))
        return _policy(
            {
                "default-src": "'none'",
                "script-src": " ".join(["'self'", _hashes(scripts)]).strip(),
                # Swagger UI sets style attributes from its bundle.
                "style-src": "'self' 'unsafe-inline'",
                "img-src": "'self' data:",
                "font-src": "'self' data:",
                "connect-src": self._connect,
                "form-action": "'self'",
            }
        )


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in {**directives, **_LOCKED}.items())


def _hashes(blocks: list[str]) -> str:
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in blocks
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
