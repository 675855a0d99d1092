from datetime import timedelta
from uuid import uuid4

import pytest

from skillwise.application.notifications.use_cases.list_notifications import ListNotifications
from skillwise.application.notifications.use_cases.mark_all_notifications_read import (
    MarkAllNotificationsRead,
)
from skillwise.application.notifications.use_cases.mark_notification_read import (
    MarkNotificationRead,
)
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.errors import NotFound
from skillwise.domain.notifications import Notification
from tests.factories import NOW


def notify(world, user, title, *, minutes=0, read=False):
    notification = Notification(
        user_id=user.id,
        kind="enrollment",
        title=title,
        created_at=NOW + timedelta(minutes=minutes),
        read_at=NOW if read else None,
    )
    world.uow.notifications.rows[notification.id] = notification
    return notification


def test_my_notifications_come_newest_first_with_the_unread_count(world, uow):
    me, someone = world.user(), world.user()
    notify(world, me, "old", minutes=0, read=True)
    notify(world, me, "middle", minutes=1)
    notify(world, me, "new", minutes=2)
    notify(world, someone, "not mine", minutes=3)

    listing = ListNotifications(uow)(me.as_actor(), PageRequest())

    assert [n.title for n in listing.page.items] == ["new", "middle", "old"]
    assert listing.page.total == 3 and listing.unread_count == 2


def test_unread_only_leaves_out_what_was_read(world, uow):
    me = world.user()
    notify(world, me, "seen", read=True)
    notify(world, me, "unseen", minutes=1)

    listing = ListNotifications(uow)(me.as_actor(), PageRequest(), unread_only=True)

    assert [n.title for n in listing.page.items] == ["unseen"]
    assert listing.unread_count == 1


def test_marking_read_sets_read_at_once_and_repeating_it_keeps_the_first_time(world, uow, clock):
    me = world.user()
    notification = notify(world, me, "hello")
    mark = MarkNotificationRead(uow, clock)
    first_read = clock.now()

    assert mark(me.as_actor(), notification.id).read_at == first_read
    clock.advance(hours=1)
    assert mark(me.as_actor(), notification.id).read_at == first_read
    assert uow.notifications.get(notification.id).read_at == first_read


def test_another_users_notification_is_not_found(world, uow, clock):
    notification = notify(world, world.user(), "private")

    with pytest.raises(NotFound):
        MarkNotificationRead(uow, clock)(world.user().as_actor(), notification.id)
    with pytest.raises(NotFound):
        MarkNotificationRead(uow, clock)(world.user().as_actor(), uuid4())
    assert uow.notifications.get(notification.id).read_at is None


def test_marking_all_read_clears_only_my_unread_ones(world, uow, clock):
    me, someone = world.user(), world.user()
    notify(world, me, "a")
    notify(world, me, "b", read=True)
    notify(world, me, "c")
    theirs = notify(world, someone, "d")

    assert MarkAllNotificationsRead(uow, clock)(me.as_actor()) == 2

    assert ListNotifications(uow)(me.as_actor(), PageRequest()).unread_count == 0
    assert uow.notifications.get(theirs.id).read_at is None
