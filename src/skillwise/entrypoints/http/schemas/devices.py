"""Devices that receive pushes: what the app registers and what it is shown."""

from __future__ import annotations

from marshmallow import fields, validate

from skillwise.domain.notifications import Platform
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp, page_of


class DeviceRegisterSchema(BaseSchema):
    platform = fields.Enum(Platform, by_value=True, required=True)
    token = fields.String(
        required=True,
        validate=validate.Length(min=1, max=1024),
        metadata={"description": "The FCM registration token of this app install."},
    )
    app_version = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=50)
    )
    locale = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=35),
        metadata={"description": "A BCP 47 language tag, such as `en-GB`."},
    )


class DeviceSchema(BaseSchema):
    id = fields.UUID(required=True)
    platform = fields.Enum(Platform, by_value=True, required=True)
    token = fields.String(required=True)
    app_version = fields.String(allow_none=True, required=True)
    locale = fields.String(allow_none=True, required=True)
    created_at = Timestamp(required=True)
    last_seen_at = Timestamp(required=True)


class DeviceListArgs(PaginationArgs):
    pass


DevicePageSchema = page_of(DeviceSchema)
