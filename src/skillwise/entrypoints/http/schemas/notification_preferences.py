"""What a user wants to be told by email and by push, and the one-click unsubscribe."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from skillwise.domain.notifications import PREFERENCE_KINDS, SECURITY_EMAIL_KINDS, Channel
from skillwise.entrypoints.http.schemas.common import BaseSchema

_SECURITY = "Security email: always on; turning it off answers 422 `preference_locked`."


def _choices_schema(name: str, kinds: tuple[str, ...], *, required: bool) -> type[Schema]:
    """One boolean per kind, so generated clients get a typed field for each."""
    members = {
        kind: fields.Boolean(
            required=required,
            metadata={"description": _SECURITY} if kind in SECURITY_EMAIL_KINDS else {},
        )
        for kind in kinds
    }
    return type(name, (BaseSchema,), members)


_EMAIL_KINDS = PREFERENCE_KINDS + tuple(sorted(SECURITY_EMAIL_KINDS))

EmailChoicesSchema = _choices_schema("EmailChoicesSchema", _EMAIL_KINDS, required=True)
PushChoicesSchema = _choices_schema("PushChoicesSchema", PREFERENCE_KINDS, required=True)
EmailChoicesPatchSchema = _choices_schema("EmailChoicesPatchSchema", _EMAIL_KINDS, required=False)
PushChoicesPatchSchema = _choices_schema("PushChoicesPatchSchema", PREFERENCE_KINDS, required=False)


class NotificationPreferencesSchema(BaseSchema):
    email = fields.Nested(EmailChoicesSchema, required=True)
    push = fields.Nested(PushChoicesSchema, required=True)


class NotificationPreferencesPatchSchema(BaseSchema):
    email = fields.Nested(EmailChoicesPatchSchema)
    push = fields.Nested(PushChoicesPatchSchema)


class UnsubscribeArgs(BaseSchema):
    u = fields.String(
        required=True,
        metadata={"description": "The signed value from the email's unsubscribe link."},
    )


class UnsubscribeTargetSchema(BaseSchema):
    """The emails a link turns off."""

    kind = fields.String(required=True, validate=validate.OneOf(PREFERENCE_KINDS))
    channel = fields.Constant(
        Channel.EMAIL.value,
        required=True,
        metadata={"type": "string", "enum": [Channel.EMAIL.value]},
    )
