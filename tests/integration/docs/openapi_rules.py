"""The rules a generated client relies on, as checks over an OpenAPI document (a dict)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
BEARER = {"bearerAuth": []}


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        _, section, kind, name = node["$ref"].split("/")
        node = spec[section][kind][name]
    return node


def untyped_properties(spec: dict[str, Any]) -> list[str]:
    """Every schema (component, parameter, body or answer) that says neither type nor $ref."""
    found: list[str] = []

    def visit(schema: dict[str, Any], where: str) -> None:
        if "$ref" in schema:
            return
        combined = [s for key in ("anyOf", "oneOf", "allOf") for s in schema.get(key, [])]
        if combined:
            for index, part in enumerate(combined):
                visit(part, f"{where}[{index}]")
            return
        if "type" not in schema:
            found.append(where)
            return
        for name, prop in schema.get("properties", {}).items():
            visit(prop, f"{where}.{name}")
        if isinstance(schema.get("items"), dict):
            visit(schema["items"], f"{where}[]")
        if isinstance(schema.get("additionalProperties"), dict):
            visit(schema["additionalProperties"], f"{where}{{}}")

    for name, schema in spec["components"]["schemas"].items():
        visit(schema, name)
    for path, method, operation in operations(spec):
        for parameter in operation.get("parameters", []):
            visit(resolve(spec, parameter)["schema"], f"{method} {path} ?{parameter.get('name')}")
        media = [
            *operation.get("requestBody", {}).get("content", {}).items(),
            *(
                item
                for response in operation["responses"].values()
                for item in resolve(spec, response).get("content", {}).items()
            ),
        ]
        for content_type, body in media:
            if "schema" in body:
                visit(body["schema"], f"{method} {path} {content_type}")
    return found
