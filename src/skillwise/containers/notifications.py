"""Notifications: in-app notifications, the devices pushes go to, and preferences."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.application.notifications.use_cases.get_notification_preferences import (
    GetNotificationPreferences,
)
from skillwise.application.notifications.use_cases.list_devices import ListDevices
from skillwise.application.notifications.use_cases.list_notifications import ListNotifications
from skillwise.application.notifications.use_cases.mark_all_notifications_read import (
    MarkAllNotificationsRead,
)
from skillwise.application.notifications.use_cases.mark_notification_read import (
    MarkNotificationRead,
)
from skillwise.application.notifications.use_cases.register_device import RegisterDevice
from skillwise.application.notifications.use_cases.remove_device import RemoveDevice
from skillwise.application.notifications.use_cases.unsubscribe import (
    ReadUnsubscribeLink,
    Unsubscribe,
)
from skillwise.application.notifications.use_cases.update_notification_preferences import (
    UpdateNotificationPreferences,
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
    register_device = providers.Factory(RegisterDevice, uow=infra.uow, clock=infra.clock)
    list_devices = providers.Factory(ListDevices, uow=infra.uow)
    remove_device = providers.Factory(RemoveDevice, uow=infra.uow)
    get_notification_preferences = providers.Factory(GetNotificationPreferences, uow=infra.uow)
    update_notification_preferences = providers.Factory(
        UpdateNotificationPreferences, uow=infra.uow, clock=infra.clock
    )
    read_unsubscribe_link = providers.Factory(ReadUnsubscribeLink, links=infra.unsubscribe_links)
    unsubscribe = providers.Factory(
        Unsubscribe, uow=infra.uow, links=infra.unsubscribe_links, clock=infra.clock
    )
