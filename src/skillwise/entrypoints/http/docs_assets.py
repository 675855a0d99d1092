"""The interactive docs' scripts and styles, served by this app instead of a CDN.

Swagger UI's come from the installed flask-swagger-ui package; ReDoc's standalone bundle is
vendored under static/redoc (from the npm package `redoc`, see its VERSION file). The docs
then work on a machine without internet access.
"""

from __future__ import annotations

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, send_from_directory
from flask.typing import ResponseReturnValue

from skillwise.entrypoints.http.access import public

ASSETS_URL = "/api/v1/docs/assets/"
REDOC_ASSETS_URL = "/api/v1/redoc/assets/"
REDOC_SCRIPT_URL = REDOC_ASSETS_URL + "redoc.standalone.js"

_SWAGGER_UI_DIST = Path(flask_swagger_ui.__file__).parent / "dist"
_REDOC_DIST = Path(__file__).parent / "static" / "redoc"

blp = Blueprint("docs_assets", __name__, url_prefix=ASSETS_URL.rstrip("/"))
redoc_blp = Blueprint("redoc_assets", __name__, url_prefix=REDOC_ASSETS_URL.rstrip("/"))


@blp.get("/<path:filename>")
@public
def swagger_ui_asset(filename: str) -> ResponseReturnValue:
    return send_from_directory(_SWAGGER_UI_DIST, filename, max_age=86_400)


@redoc_blp.get("/<path:filename>")
@public
def redoc_asset(filename: str) -> ResponseReturnValue:
    return send_from_directory(_REDOC_DIST, filename, max_age=86_400)
