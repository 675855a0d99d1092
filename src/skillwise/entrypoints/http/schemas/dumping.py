"""Schema dumps without marshmallow's per-field lookups, for the answers read most.

`Schema.dump` asks every field, for every object, to find its value through generic accessors
that try a mapping, an index and an attribute in turn; with a page of 20 courses and their
nested instructors that is most of a list request's time. A plan made once per schema holds,
for each field, the output key, a getter specialised to the attribute path, and the field's own
`_serialize`, so every value is still formatted by the field that documents it.

Anything a plan does not cover falls back to the field's own `serialize`: fields that read no
attribute (`Method`, `Function`, `Constant`), values that are neither mappings nor plain
objects, and attributes that are absent (so `dump_default` and omission behave as before).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

_ABSENT = object()


def _read(obj: Any, part: str) -> Any:
    if type(obj) is dict:
        return obj.get(part, _ABSENT)
    if hasattr(type(obj), "__getitem__"):
        # Rows, lists and other indexables: marshmallow's own rules decide.
        return _ABSENT
    return getattr(obj, part, _ABSENT)


def _follow(obj: Any, parts: tuple[str, ...]) -> Any:
    for part in parts:
        obj = _read(obj, part)
        if obj is _ABSENT:
            break
    return obj


def _as(kind: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda value, _obj: None if value is None else kind(value)


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _formatter(field: fields.Field, attr: str) -> Callable[[Any, Any], Any]:
    """value, obj -> the serialized value, the way `field` would format it."""
    kind = type(field)
    # Exactly these classes (not subclasses, which may format differently) format a value as
    # the plain conversion does.
    if kind in (fields.String, fields.UUID):
        return _as(_text)
    if kind is fields.Integer and not field.as_string:
        return _as(int)
    if kind is fields.Float and not field.as_string:
        return _as(float)
    if isinstance(field, fields.Nested):
        nested = field.schema
        many = bool(nested.many or field.many)
        return lambda value, _obj: None if value is None else nested.dump(value, many=many)
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
        inner = field.inner.schema
        return lambda value, _obj: (
            None if value is None else [inner.dump(each, many=False) for each in value]
        )
    serialize = field._serialize  # the field's own formatting, minus the lookup
    return lambda value, obj: serialize(value, attr, obj)


class DumpPlan:
    """How one schema instance turns an object into a dict, field by field."""

    def __init__(self, schema: Schema) -> None:
        self._schema = schema
        self._steps: list[tuple[str, str, fields.Field, str | None, tuple[str, ...], Any]] = []
        for attr, field in schema.dump_fields.items():
            key = field.data_key if field.data_key is not None else attr
            first, rest = None, ()
            if field._CHECK_ATTRIBUTE:
                first, *more = (field.attribute or attr).split(".")
                rest = tuple(more)
            self._steps.append((key, attr, field, first, rest, _formatter(field, attr)))

    def dump_one(self, obj: Any) -> dict[str, Any]:
        result: dict[str, Any] = {}
        kind = type(obj)
        by_key = kind is dict
        # Rows, lists and other indexables: marshmallow's own rules decide.
        by_attribute = not by_key and not hasattr(kind, "__getitem__")
        for key, attr, field, first, rest, formatter in self._steps:
            if first is None:
                value = _ABSENT
            elif by_key:
                value = obj.get(first, _ABSENT)
            elif by_attribute:
                value = getattr(obj, first, _ABSENT)
            else:
                value = _ABSENT
            if rest and value is not _ABSENT:
                value = _follow(value, rest)
            if value is _ABSENT:
                value = field.serialize(attr, obj, accessor=self._schema.get_attribute)
                if value is missing:
                    continue
                result[key] = value
            else:
                result[key] = formatter(value, obj)
        return result


def plan_for(schema: Schema) -> DumpPlan | None:
    """The schema's plan, made on first use; None where hooks reshape the dump."""
    hooks = schema._hooks
    if hooks[PRE_DUMP] or hooks[POST_DUMP]:
        return None
    plan = schema.__dict__.get("_dump_plan")
    if plan is None:
        plan = DumpPlan(schema)
        schema.__dict__["_dump_plan"] = plan
    return plan
