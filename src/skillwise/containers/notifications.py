"""Notifications: a user's in-app notifications."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.application.notifications.use_cases.list_notifications import ListNotifications
from skillwise.application.notifications.use_cases.mark_all_notifications_read import (
    MarkAllNotificationsRead,
)
from skillwise.application.notifications.use_cases.mark_notification_read import (
    MarkNotificationRead,
)


class NotificationsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    list_notifications = providers.Factory(ListNotifications, uow=infra.uow)
    mark_notification_read = providers.Factory(
        MarkNotificationRead, uow=infra.uow, clock=infra.clock
    )
    mark_all_notifications_read = providers.Factory(
        MarkAllNotificationsRead, uow=infra.uow, clock=infra.clock
    )
