"""What the caller wants to be told, by email and by push, and one-click unsubscribe."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.domain.notifications import Channel
from skillwise.entrypoints.http.access import current_actor, public, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
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


def _body(preferences):
    return {channel.value: choices for channel, choices in preferences.by_channel.items()}


@blp.route("/notifications/preferences/")
class NotificationPreferences(MethodView):
    @signed_in
    @operation("getNotificationPreferences")
    @blp.response(200, NotificationPreferencesSchema)
    @inject
    def get(
        self,
        get_notification_preferences=Provide[Container.notifications.get_notification_preferences],
    ):
        """Every kind of notification on each channel: on unless I turned it off."""
        return _body(get_notification_preferences(current_actor()))

    @signed_in
    @operation("updateNotificationPreferences")
    @blp.arguments(NotificationPreferencesPatchSchema)
    @blp.response(200, NotificationPreferencesSchema)
    @fails(
        422,
        "A security email turned off, an unknown kind, or a malformed body",
        "preference_locked",
        "unknown_kind",
        "unprocessable_entity",
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
    @operation("readUnsubscribeLink")
    @blp.arguments(UnsubscribeArgs, location="query")
    @blp.response(200, UnsubscribeTargetSchema)
    @fails(400, "The link was not made by us or was altered", "invalid_unsubscribe_link")
    @fails(422, "No `u`", "unprocessable_entity")
    @inject
    def get(
        self, args, read_unsubscribe_link=Provide[Container.notifications.read_unsubscribe_link]
    ):
        """What an email's unsubscribe link would turn off; nothing changes until it is POSTed
        (mail scanners follow links)."""
        return read_unsubscribe_link(args["u"])

    @public
    @operation("unsubscribe")
    @blp.arguments(UnsubscribeArgs, location="query")
    @blp.response(200, UnsubscribeTargetSchema)
    @fails(400, "The link was not made by us or was altered", "invalid_unsubscribe_link")
    @fails(422, "No `u`", "unprocessable_entity")
    @inject
    def post(self, args, unsubscribe=Provide[Container.notifications.unsubscribe]):
        """One-click unsubscribe (RFC 8058): the link's kind of email is off from now on, for
        the email's recipient; no sign-in needed."""
        return unsubscribe(args["u"])
