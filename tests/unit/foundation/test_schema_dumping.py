"""Dump plans answer exactly what marshmallow's own dump answers, field type by field type."""

from __future__ import annotations

import enum
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any
from uuid import UUID, uuid4

import pytest
from marshmallow import fields, post_dump

from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.people import PersonRef
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.money import Money
from skillwise.entrypoints.http.schemas import common
from skillwise.entrypoints.http.schemas.catalog import CourseSummarySchema
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp, page_of


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class InnerSchema(BaseSchema):
    name = fields.String(required=True)
    size = fields.Integer(as_string=True)


class EverythingSchema(BaseSchema):
    id = fields.UUID()
    title = fields.String()
    raw = fields.String()
    count = fields.Integer()
    ratio = fields.Float()
    flag = fields.Boolean()
    colour = fields.Enum(Colour, by_value=True)
    colour_name = fields.Enum(Colour, attribute="colour", dump_only=True)
    at = Timestamp(allow_none=True)
    plain_at = fields.DateTime()
    inner = fields.Nested(InnerSchema, allow_none=True)
    inners = fields.List(fields.Nested(InnerSchema))
    only_names = fields.List(fields.Nested(InnerSchema, only=("name",)))
    tags = fields.List(fields.String())
    renamed = fields.String(data_key="outName", attribute="title", dump_only=True)
    deep = fields.Integer(attribute="inner.size", dump_only=True)
    absent = fields.String()
    defaulted = fields.String(dump_default="fallback")
    computed = fields.Method("twice")
    function = fields.Function(lambda obj: "f")
    constant = fields.Constant("c")
    secret = fields.String(load_only=True)

    def twice(self, obj: Any) -> int:
        count = obj.get("count", 0) if hasattr(obj, "get") else getattr(obj, "count", 0)
        return 2 * count


@dataclass
class Inner:
    name: str
    size: int | None = 3


@dataclass
class Thing:
    id: UUID = field(default_factory=uuid4)
    title: str = "Python"
    raw: bytes = b"caf\xc3\xa9"
    count: int = 7
    ratio: float = 2
    flag: Any = 1
    colour: Colour | None = Colour.BLUE
    at: datetime | None = datetime(2026, 11, 2, 10, 30, tzinfo=timezone(timedelta(hours=6)))
    plain_at: datetime = datetime(2026, 1, 1, tzinfo=UTC)
    inner: Inner | None = field(default_factory=lambda: Inner("a"))
    inners: list[Inner] = field(default_factory=lambda: [Inner("b", None), Inner("c")])
    only_names: list[Inner] = field(default_factory=lambda: [Inner("d")])
    tags: list[Any] = field(default_factory=lambda: ["x", 3])
    secret: str = "hidden"

    @property
    def defaulted(self) -> str:
        raise AttributeError("absent through a property")


Row = namedtuple("Row", ["title", "count"])


def _marshmallow_dump(schema_type: type, obj: Any, **options: Any) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(common, "plan_for", lambda _schema: None)
        return schema_type(**options).dump(obj)


def _both(schema_type: type, obj: Any, **options: Any) -> tuple[Any, Any]:
    planned = schema_type(**options)
    first = planned.dump(obj)
    assert planned.dump(obj) == first, "a plan answers the same every time"
    return first, _marshmallow_dump(schema_type, obj, **options)


@pytest.mark.parametrize(
    "obj",
    [
        Thing(),
        Thing(inner=None, colour=None, at=None, flag="no", ratio=0.5, inners=[]),
        Thing(inner=Inner("z", size=None), flag=0),
        {"title": "a dict", "count": 2, "inner": {"name": "n", "size": 1}, "colour": Colour.RED},
        MappingProxyType({"title": "a mapping", "count": 5}),
        Row("a row", 4),
    ],
    ids=["object", "nones", "falsy", "dict", "mapping", "row"],
)
def test_a_plan_dumps_as_marshmallow_does(obj: Any) -> None:
    planned, reference = _both(EverythingSchema, obj)
    assert planned == reference
    assert list(planned) == list(reference), "keys come in the schema's order"


def test_instance_options_and_many_are_honoured() -> None:
    things = [Thing(title="one"), Thing(title="two")]
    for options in ({"only": ("title", "inner")}, {"exclude": ("inners", "computed")}, {}):
        planned, reference = _both(EverythingSchema, things, many=True, **options)
        assert planned == reference
    schema = EverythingSchema()
    assert schema.dump(things, many=True) == _marshmallow_dump(EverythingSchema, things, many=True)
    assert schema.dump(None, many=True) == _marshmallow_dump(EverythingSchema, None, many=True)


def test_dump_hooks_keep_marshmallow_in_charge() -> None:
    class Hooked(BaseSchema):
        title = fields.String()

        @post_dump
        def shout(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
            return {key: value.upper() for key, value in data.items()}

    assert Hooked().dump(Thing()) == {"title": "PYTHON"}


def test_the_course_page_dumps_as_marshmallow_does() -> None:
    summaries = [
        CourseSummary(
            id=uuid4(),
            title=f"Course {n}",
            slug=f"course-{n}",
            subtitle="",
            category="python",
            level=CourseLevel.BEGINNER,
            language="en",
            price=Money(0 if n == 0 else 1999, "USD"),
            thumbnail_url=None if n else "https://cdn.example.com/t.png",
            status=CourseStatus.PUBLISHED,
            published_at=None if n == 2 else datetime(2026, 11, n + 1, tzinfo=UTC),
            created_at=datetime(2026, 10, 1, tzinfo=UTC),
            updated_at=datetime(2026, 10, 2, tzinfo=UTC),
            rating_count=n,
            rating_sum=4 * n,
            enrollment_count=10 * n,
            instructor=PersonRef(id=uuid4(), full_name="Ada"),
            lesson_count=n,
            total_duration_seconds=60 * n,
        )
        for n in range(3)
    ]
    page = Page(items=summaries, total=41, request=PageRequest(page=2, page_size=3))
    body = {
        "count": page.total,
        "page": 2,
        "page_size": 3,
        "next": "http://x/?page=3",
        "previous": None,
        "results": summaries,
    }
    planned, reference = _both(page_of(CourseSummarySchema), body)
    assert planned == reference
    assert planned["results"][1]["price"] == 1999
    assert planned["results"][1]["instructor"] == {
        "id": str(summaries[1].instructor.id),
        "full_name": "Ada",
    }
