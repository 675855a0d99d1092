"""Every resource blueprint, registered under /api/v1 in this order."""

from flask_smorest import Blueprint

API_PREFIX = "/api/v1"


def api_blueprints() -> list[Blueprint]:
    return []
