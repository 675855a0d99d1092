"""In-app notifications of the caller."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import page_body, page_request
from skillwise.entrypoints.http.schemas.learning import (
    MarkedReadSchema,
    NotificationListArgs,
    NotificationListSchema,
    NotificationSchema,
)

blp = Blueprint("notifications", __name__, description="In-app notifications")


@blp.route("/notifications/")
class Notifications(MethodView):
    @signed_in
    @operation("listNotifications")
    @blp.arguments(NotificationListArgs, location="query")
    @blp.response(200, NotificationListSchema)
    @fails(422, "A filter or the page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_notifications=Provide[Container.notifications.list_notifications]):
        """My notifications, newest first (`?unread=true`: unread only), with the unread count."""
        listing = list_notifications(
            current_actor(), page_request(args), unread_only=args["unread"]
        )
        return {**page_body(listing.page), "unread_count": listing.unread_count}


@blp.route("/notifications/<uuid:notification_id>/read/")
class NotificationRead(MethodView):
    @signed_in
    @operation("markNotificationRead")
    @blp.response(200, NotificationSchema)
    @fails(404, "No such notification of mine", "notification_not_found")
    @inject
    def patch(
        self,
        notification_id,
        mark_notification_read=Provide[Container.notifications.mark_notification_read],
    ):
        """Mark one of my notifications read; repeating it keeps the first read time."""
        return mark_notification_read(current_actor(), notification_id)


@blp.route("/notifications/read-all/")
class NotificationsReadAll(MethodView):
    @signed_in
    @operation("markAllNotificationsRead")
    @blp.response(200, MarkedReadSchema)
    @inject
    def post(
        self,
        mark_all_notifications_read=Provide[Container.notifications.mark_all_notifications_read],
    ):
        """Mark all my notifications read."""
        return {"marked_read": mark_all_notifications_read(current_actor())}
