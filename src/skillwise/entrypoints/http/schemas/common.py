"""Schemas shared by every resource: the base schema, pagination in and out, money."""

from __future__ import annotations

from datetime import UTC
from functools import cache
from typing import Any
from urllib.parse import urlencode

from flask import request
from marshmallow import EXCLUDE, Schema, fields, post_load, validate

from skillwise.application.shared.pagination import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE,
    MAX_PAGE_SIZE,
    CursorPage,
    Page,
    PageRequest,
)
from skillwise.entrypoints.http.schemas.dumping import plan_for


class BaseSchema(Schema):
    """Unknown fields are ignored: they never change anything (API.md). Dumps follow a plan
    made once per schema instance (see dumping.py)."""

    class Meta:
        unknown = EXCLUDE

    def dump(self, obj: Any, *, many: bool | None = None) -> Any:
        plan = plan_for(self)
        if plan is None:
            return super().dump(obj, many=many)
        if (self.many if many is None else many) and obj is not None:
            return [plan.dump_one(each) for each in obj]
        return plan.dump_one(obj)


class PaginationArgs(BaseSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    page_size = fields.Integer(
        load_default=DEFAULT_PAGE_SIZE,
        validate=validate.Range(min=1),
        metadata={"description": f"Items per page, at most {MAX_PAGE_SIZE} (larger is capped)."},
    )

    @post_load
    def _cap(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["page_size"] = min(data["page_size"], MAX_PAGE_SIZE)
        return data


def page_request(args: dict[str, Any]) -> PageRequest:
    return PageRequest(page=args.get("page", 1), page_size=args.get("page_size", DEFAULT_PAGE_SIZE))


@cache
def page_of(item_schema: type[Schema]) -> type[Schema]:
    """The paginated envelope around a list of `item_schema`, named for the OpenAPI spec."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    return type(
        name,
        (BaseSchema,),
        {
            "count": fields.Integer(required=True),
            "page": fields.Integer(required=True),
            "page_size": fields.Integer(required=True),
            "next": fields.String(allow_none=True, required=True),
            "previous": fields.String(allow_none=True, required=True),
            "results": fields.List(fields.Nested(item_schema), required=True),
        },
    )


@cache
def scrollable_page_of(item_schema: type[Schema]) -> type[Schema]:
    """The envelope of a list that may also be walked by cursor: the envelope of `page_of`
    with `next_cursor`, and `count` and `page` null on cursor pages, which count nothing.
    Named as `page_of` names it, so a list that learns to scroll keeps its type's name in
    generated clients; a list uses one or the other."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    return type(
        name,
        (BaseSchema,),
        {
            "count": fields.Integer(
                allow_none=True,
                required=True,
                metadata={"description": "Every match; null on cursor pages."},
            ),
            "page": fields.Integer(
                allow_none=True,
                required=True,
                metadata={"description": "The page number; null on cursor pages."},
            ),
            "page_size": fields.Integer(required=True),
            "next": fields.String(allow_none=True, required=True),
            "previous": fields.String(
                allow_none=True,
                required=True,
                metadata={"description": "Always null on cursor pages, which run forwards."},
            ),
            "next_cursor": fields.String(
                allow_none=True,
                required=True,
                metadata={
                    "description": "Send it back as `cursor` for the following page; null at "
                    "the end, and on numbered pages."
                },
            ),
            "results": fields.List(fields.Nested(item_schema), required=True),
        },
    )


def _page_url(number: int) -> str:
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return f"{request.base_url}?{urlencode(args, doseq=True)}"


def _cursor_url(cursor: str) -> str:
    args = request.args.to_dict(flat=False)
    args["cursor"] = [cursor]
    return f"{request.base_url}?{urlencode(args, doseq=True)}"


def page_body(page: Page[Any], results: list[Any] | None = None) -> dict[str, Any]:
    """The envelope of API.md; `results` replaces the items when the view reshapes them."""
    return {
        "count": page.total,
        "page": page.request.page,
        "page_size": page.request.page_size,
        "next": _page_url(page.request.page + 1) if page.has_next else None,
        "previous": _page_url(page.request.page - 1) if page.has_previous else None,
        "results": list(page.items) if results is None else results,
    }


def cursor_page_body(page: CursorPage[Any]) -> dict[str, Any]:
    """The envelope of `scrollable_page_of` for a cursor page."""
    following = page.next_cursor
    return {
        "count": None,
        "page": None,
        "page_size": page.page_size,
        "next": None if following is None else _cursor_url(following),
        "previous": None,
        "next_cursor": following,
        "results": list(page.items),
    }


class Timestamp(fields.DateTime):
    """ISO 8601 in UTC with a `Z`, as API.md writes every timestamp."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
