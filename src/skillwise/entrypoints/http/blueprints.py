"""The resource blueprints, found in this package: a module with a smorest `blp` is one.

Adding a resource module is enough to serve it under /api/v1; the health checks live
outside the prefix and are registered by the app factory.
"""

from __future__ import annotations

import importlib
import pkgutil

from flask_smorest import Blueprint

import skillwise.entrypoints.http as http_package

API_PREFIX = "/api/v1"
OUTSIDE_THE_PREFIX = {"health"}


def api_blueprints() -> list[Blueprint]:
    found = []
    for info in sorted(pkgutil.iter_modules(http_package.__path__), key=lambda i: i.name):
        if info.ispkg or info.name in OUTSIDE_THE_PREFIX:
            continue
        module = importlib.import_module(f"{http_package.__name__}.{info.name}")
        blueprint = getattr(module, "blp", None)
        if isinstance(blueprint, Blueprint):
            found.append(blueprint)
    return found
