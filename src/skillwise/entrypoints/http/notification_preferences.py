"""What the caller wants to be told, by email and by push, and one-click unsubscribe."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from flask_smorest import Blueprint

from skillwise.containers import Container
from skillwise.domain.notifications import Channel
from skillwise.entrypoints.http.access import current_actor, public, signed_in
from skillwise.entrypoints.http.errors import ErrorSchema
from skillwise.entrypoints.http.schemas.notification_preferences import (
    NotificationPreferencesPatchSchema,
    NotificationPreferencesSchema,
    UnsubscribeArgs,
    UnsubscribeTargetSchema,
)

blp = Blueprint(
    "notification_preferences",
    __name__,
    description="Which notifications reach me by email and by push",
)

_UNAUTHENTICATED = "No valid access token (`authentication_required`, `invalid_token`)"
_BAD_LINK = "The link was not made by us or was altered (`invalid_unsubscribe_link`)"


def _body(preferences):
    return {channel.value: choices for channel, choices in preferences.by_channel.items()}


@blp.route("/notifications/preferences/")
class NotificationPreferences(MethodView):
    @signed_in
    @blp.doc(operationId="getNotificationPreferences")
    @blp.response(200, NotificationPreferencesSchema)
    @blp.alt_response(401, schema=ErrorSchema, description=_UNAUTHENTICATED)
    @inject
    def get(
        self,
        get_notification_preferences=Provide[Container.notifications.get_notification_preferences],
    ):
        """Every kind of notification on each channel: on unless I turned it off."""
        return _body(get_notification_preferences(current_actor()))

    @signed_in
    @blp.doc(operationId="updateNotificationPreferences")
    @blp.arguments(NotificationPreferencesPatchSchema)
    @blp.response(200, NotificationPreferencesSchema)
    @blp.alt_response(401, schema=ErrorSchema, description=_UNAUTHENTICATED)
    @blp.alt_response(
        422,
        schema=ErrorSchema,
        description="A security email turned off (`preference_locked`), or a malformed body",
    )
    @inject
    def patch(
        self,
        changes,
        update_notification_preferences=Provide[
            Container.notifications.update_notification_preferences
        ],
    ):
        """Turn kinds on or off per channel; kinds not sent keep their setting."""
        by_channel = {Channel(name): choices for name, choices in changes.items()}
        return _body(update_notification_preferences(current_actor(), by_channel))


@blp.route("/notifications/unsubscribe/")
class Unsubscribe(MethodView):
    @public
    @blp.doc(operationId="readUnsubscribeLink")
    @blp.arguments(UnsubscribeArgs, location="query")
    @blp.response(200, UnsubscribeTargetSchema)
    @blp.alt_response(400, schema=ErrorSchema, description=_BAD_LINK)
    @blp.alt_response(422, schema=ErrorSchema, description="No `u` (`validation_error`)")
    @inject
    def get(
        self, args, read_unsubscribe_link=Provide[Container.notifications.read_unsubscribe_link]
    ):
        """What an email's unsubscribe link would turn off; nothing changes until it is POSTed
        (mail scanners follow links)."""
        return read_unsubscribe_link(args["u"])

    @public
    @blp.doc(operationId="unsubscribe")
    @blp.arguments(UnsubscribeArgs, location="query")
    @blp.response(200, UnsubscribeTargetSchema)
    @blp.alt_response(400, schema=ErrorSchema, description=_BAD_LINK)
    @blp.alt_response(422, schema=ErrorSchema, description="No `u` (`validation_error`)")
    @inject
    def post(self, args, unsubscribe=Provide[Container.notifications.unsubscribe]):
        """One-click unsubscribe (RFC 8058): the link's kind of email is off from now on, for
        the email's recipient; no sign-in needed."""
        return unsubscribe(args["u"])
