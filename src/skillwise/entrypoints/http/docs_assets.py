"""Swagger UI's scripts and styles, served from the installed package instead of a CDN.

The interactive docs then work on a machine without internet access.
"""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, send_from_directory
from flask.typing import ResponseReturnValue

from skillwise.entrypoints.http.access import public

ASSETS_URL = "/api/v1/docs/assets/"
_DIST = Path(flask_swagger_ui.__file__).parent / "dist"

blp = Blueprint("docs_assets", __name__, url_prefix=ASSETS_URL.rstrip("/"))


@blp.get("/<path:filename>")
@public
def swagger_ui_asset(filename: str) -> ResponseReturnValue:
    return send_from_directory(_DIST, filename, max_age=86_400)
