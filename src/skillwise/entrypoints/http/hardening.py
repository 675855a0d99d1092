"""Limits every request passes before any view, schema or rate limit reads it.

PostgreSQL refuses NUL in text and Python refuses to encode lone surrogates, so such strings
would reach the database and answer 500; control characters are never meant in our text
fields either. Checking here, once, covers every JSON body, query string, form and header of
every endpoint, present and future, whatever its schema says. Nesting is measured before parsing so
that `[` x 100,000 never reaches a recursive parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from skillwise.entrypoints.http.errors import error_body
from skillwise.settings import Settings

MAX_JSON_DEPTH = 32

# C0 controls but tab, newline and carriage return; DEL; UTF-16 surrogates, which only a
# `\ud800` escape or invalid UTF-8 (decoded with surrogateescape below) can produce.
_HOSTILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

# A JSON string (or an unterminated one, up to the end), so that brackets inside strings do
# not count; the pattern cannot fail part-way, so it never backtracks.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))
_OPENERS = frozenset(b"[{")
_HEADER_KEYS = ("HTTP_", "CONTENT_TYPE", "CONTENT_LENGTH")

INVALID_CHARACTERS = (
    "Control characters (other than tab, newline and carriage return) and invalid Unicode "
    "are not accepted."
)


def install_input_limits(app: Flask, settings: Settings) -> None:
    """Register the check; before the rate limiter, which reads the body to find the email."""

    def refuse_hostile_input() -> ResponseReturnValue | None:
        return _check_request(settings.max_json_bytes)

    app.before_request(refuse_hostile_input)


def _check_request(max_json_bytes: int) -> ResponseReturnValue | None:
    fields: dict[str, list[str]] = {}
    # Headers too: Idempotency-Key is stored as text.
    if not _plainly_clean(request.environ):
        fields.update(_bad_pairs(_decoded_pairs(request.query_string)))
        fields.update(_bad_pairs(list(request.headers.items())))
    # Without a body type none of the body's parsers would read it.
    if "CONTENT_TYPE" in request.environ:
        refusal = _check_body(max_json_bytes, fields)
        if refusal is not None:
            return refusal
    if fields:
        return _refusal(422, INVALID_CHARACTERS, "invalid_characters", fields)
    return None


def _check_body(max_json_bytes: int, fields: dict[str, list[str]]) -> ResponseReturnValue | None:
    """A refusal of the body as a whole, or None with its bad fields added to `fields`."""
    if request.is_json:
        body = request.get_data(cache=True)
        if len(body) > max_json_bytes:
            return _refusal(
                413, f"A JSON body may hold at most {max_json_bytes} bytes.", "body_too_large"
            )
        if body.strip():
            if nesting_exceeds(body, MAX_JSON_DEPTH):
                return _refusal(
                    400, f"JSON may nest at most {MAX_JSON_DEPTH} levels deep.", "json_too_deep"
                )
            try:
                document = json.loads(body.decode("utf-8", "surrogateescape"))
            except ValueError:
                return _refusal(400, "The request body is not valid JSON.", "invalid_json")
            fields.update(_bad_json_strings(document, ""))
    elif request.mimetype == "application/x-www-form-urlencoded":
        fields.update(_bad_pairs(_decoded_pairs(request.get_data(cache=True))))
    elif request.mimetype == "multipart/form-data":
        try:
            pairs = list(request.form.items(multi=True))
            pairs += [(name, file.filename or "") for name, file in request.files.items(multi=True)]
        except UnicodeDecodeError:
            return _refusal(400, "The form's part headers are not UTF-8.", "invalid_form")
        fields.update(_bad_pairs(pairs))
    return None


def _plainly_clean(environ: dict[str, Any]) -> bool:
    """True when neither the query string nor any header can hold a hostile character, in one
    pass over the raw text: the common case. A query string with escapes or bytes beyond ASCII
    may decode to one, so it takes the field-by-field check that names the culprits."""
    query = environ.get("QUERY_STRING", "")
    if not query.isascii() or "%" in query:
        return False
    headers = "\n".join(
        f"{key}\n{value}" for key, value in environ.items() if key.startswith(_HEADER_KEYS)
    )
    return _HOSTILE.search(query) is None and _HOSTILE.search(headers) is None


def nesting_exceeds(body: bytes, limit: int) -> bool:
    brackets = _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    if brackets.count(b"[") + brackets.count(b"{") <= limit:
        return False
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in _OPENERS else -1
        if depth > limit:
            return True
    return False


def _decoded_pairs(encoded: bytes) -> list[tuple[str, str]]:
    """Form-style pairs with invalid UTF-8 kept visible as surrogates, where werkzeug would
    replace it or fail on it."""
    return parse_qsl(
        encoded.decode("utf-8", "surrogateescape"), keep_blank_values=True, errors="surrogateescape"
    )


def _bad_pairs(pairs: list[tuple[str | None, str | None]]) -> Iterator[tuple[str, list[str]]]:
    # A multipart part may come without a name: werkzeug keys it by None.
    for name, value in pairs:
        if _HOSTILE.search(name or "") or _HOSTILE.search(value or ""):
            yield _printable(name or ""), [INVALID_CHARACTERS]


def _bad_json_strings(value: Any, path: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(value, str):
        if _HOSTILE.search(value):
            yield path or "json", [INVALID_CHARACTERS]
    elif isinstance(value, dict):
        for key, item in value.items():
            name = _printable(key)
            inner = f"{path}.{name}" if path else name
            if _HOSTILE.search(key):
                yield inner, ["This field name holds characters that are not accepted."]
            else:
                yield from _bad_json_strings(item, inner)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _bad_json_strings(item, f"{path}.{index}" if path else str(index))


def _printable(name: str) -> str:
    """A name safe to echo: hostile characters as backslash escapes."""
    if not _HOSTILE.search(name):
        return name
    return _HOSTILE.sub(lambda match: ascii(match.group())[1:-1], name)


def _refusal(
    status: int, message: str, reason: str, errors: dict[str, list[str]] | None = None
) -> ResponseReturnValue:
    return jsonify(error_body(status, message, error=reason, errors=errors)), status
