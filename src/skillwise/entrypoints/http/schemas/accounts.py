"""Request and response bodies of sign-up, sessions, profiles and admin user management."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from skillwise.domain.identity import SELF_ASSIGNABLE_ROLES, Role
from skillwise.domain.users import (
    MAX_AVATAR_URL_LENGTH,
    MAX_BIO_LENGTH,
    MAX_FULL_NAME_LENGTH,
    AdminChanges,
    ProfileChanges,
)
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp

# Longer inputs are not passwords but attempts to make argon2 work hard.
MAX_PASSWORD_LENGTH = 1024

_password = {
    "required": True,
    "load_only": True,
    "validate": validate.Length(min=1, max=MAX_PASSWORD_LENGTH),
}


class UserSchema(BaseSchema):
    id = fields.UUID(dump_only=True)
    email = fields.String(dump_only=True, metadata={"example": "ada@example.com"})
    full_name = fields.String(dump_only=True, metadata={"example": "Ada Lovelace"})
    bio = fields.String(dump_only=True)
    avatar_url = fields.String(dump_only=True, allow_none=True)
    role = fields.Enum(Role, by_value=True, dump_only=True)
    email_verified = fields.Boolean(dump_only=True)
    date_joined = Timestamp(dump_only=True)


class AdminUserSchema(UserSchema):
    is_active = fields.Boolean(dump_only=True)


class RegisterSchema(BaseSchema):
    email = fields.Email(required=True, metadata={"example": "ada@example.com"})
    password = fields.String(
        **_password,
        metadata={
            "description": "At least 10 characters of more than one kind, not the email.",
            "example": "correct-Horse-7",
        },
    )
    full_name = fields.String(
        required=True, validate=validate.Length(min=1, max=MAX_FULL_NAME_LENGTH)
    )
    role = fields.String(
        load_default=Role.STUDENT.value,
        validate=validate.OneOf(sorted(r.value for r in SELF_ASSIGNABLE_ROLES)),
        metadata={"description": "student (default) or instructor; admin is never self-assigned."},
    )


class LoginSchema(BaseSchema):
    email = fields.String(required=True, metadata={"example": "ada@example.com"})
    password = fields.String(**_password)


class TokenPairSchema(BaseSchema):
    access = fields.String(
        required=True, metadata={"description": "Bearer access token, valid 15 minutes."}
    )
    refresh = fields.String(
        required=True,
        metadata={"description": "Refresh token, valid 30 days and usable once (rotation)."},
    )


class SessionSchema(TokenPairSchema):
    token_type = fields.Constant(
        "Bearer", dump_only=True, required=True, metadata={"type": "string", "enum": ["Bearer"]}
    )
    user = fields.Nested(UserSchema, required=True)


class RefreshSchema(BaseSchema):
    refresh = fields.String(required=True)


class LogoutSchema(BaseSchema):
    refresh = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "The session's refresh token, revoked with its family."},
    )
    device_token = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "This device's push token: the device stops getting pushes."},
    )


class TokenSchema(BaseSchema):
    token = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The `token` query parameter of the emailed link."},
    )


class ResendVerificationSchema(BaseSchema):
    email = fields.Email(
        load_default=None,
        allow_none=True,
        metadata={"description": "For guests; ignored when the caller is signed in."},
    )


class EmailSchema(BaseSchema):
    email = fields.Email(required=True)


class PasswordResetConfirmSchema(BaseSchema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=200))
    new_password = fields.String(**_password)


class AcceptedSchema(BaseSchema):
    message = fields.String(required=True)


class _ProfileFieldsSchema(BaseSchema):
    full_name = fields.String(validate=validate.Length(min=1, max=MAX_FULL_NAME_LENGTH))
    bio = fields.String(validate=validate.Length(max=MAX_BIO_LENGTH))
    avatar_url = fields.URL(
        allow_none=True,
        schemes={"http", "https"},
        validate=validate.Length(max=MAX_AVATAR_URL_LENGTH),
        metadata={"description": "An http or https URL; null removes the avatar."},
    )


class ProfileUpdateSchema(_ProfileFieldsSchema):
    class Meta(BaseSchema.Meta):
        description = (
            "Only full_name, bio and avatar_url are writable; send any of them. Every other "
            "field (role, email, email_verified, is_active, unknown ones) is ignored and "
            "changes nothing."
        )

    @post_load
    def _changes(self, data: dict[str, Any], **_: Any) -> ProfileChanges:
        return ProfileChanges(**data)


class AdminUserUpdateSchema(_ProfileFieldsSchema):
    class Meta(BaseSchema.Meta):
        description = (
            "Besides the profile fields, an admin may change role (promote or demote, admin "
            "included), is_active and email_verified. The email and unknown fields are ignored."
        )

    role = fields.Enum(Role, by_value=True)
    is_active = fields.Boolean()
    email_verified = fields.Boolean()

    @post_load
    def _changes(self, data: dict[str, Any], **_: Any) -> AdminChanges:
        profile = {
            name: data.pop(name) for name in ("full_name", "bio", "avatar_url") if name in data
        }
        return AdminChanges(profile=ProfileChanges(**profile), **data)


class UserListArgs(PaginationArgs):
    role = fields.Enum(Role, by_value=True)
    is_active = fields.Boolean()
    search = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "Part of the email or name, case-insensitive."},
    )
