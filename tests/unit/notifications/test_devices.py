"""Registering, listing and removing the devices pushes go to."""

import pytest

from skillwise.application.accounts.use_cases.log_out import LogOut
from skillwise.application.notifications.use_cases.list_devices import ListDevices
from skillwise.application.notifications.use_cases.remove_device import RemoveDevice
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.errors import DeviceNotFound
from skillwise.domain.notifications import Platform


def test_a_new_token_is_registered_as_a_new_device_of_the_caller(fake_uow, register, ada):
    registration = register(ada, "token-a", Platform.IOS)

    assert registration.created is True
    assert fake_uow.devices.rows[registration.device.id].user_id == ada.user_id
    assert registration.device.platform is Platform.IOS


def test_registering_a_known_token_again_updates_the_same_device(fake_uow, register, ada, clock):
    first = register(ada, "token-a")
    clock.advance(minutes=5)

    again = register(ada, "token-a", Platform.ANDROID)

    assert again.created is False
    assert again.device.id == first.device.id
    assert again.device.last_seen_at == clock.now()
    assert len(fake_uow.devices.rows) == 1


def test_a_token_another_request_stores_after_the_lookup_is_updated_not_added_twice(
    fake_uow, register, ada, bo, monkeypatch
):
    theirs = register(bo, "shared-phone")
    stored_lookup = fake_uow.devices.get_by_token
    lookups = []

    def lookup_that_misses_first(token):
        lookups.append(token)
        return None if len(lookups) == 1 else stored_lookup(token)

    monkeypatch.setattr(fake_uow.devices, "get_by_token", lookup_that_misses_first)

    mine = register(ada, "shared-phone")

    assert (mine.created, mine.device.id) == (False, theirs.device.id)
    assert list(fake_uow.devices.rows) == [theirs.device.id]
    assert fake_uow.devices.rows[theirs.device.id].user_id == ada.user_id


def test_a_token_registered_by_another_user_moves_to_the_caller(fake_uow, register, ada, bo):
    first = register(ada, "shared-phone")

    moved = register(bo, "shared-phone")

    assert moved.created is False
    assert moved.device.id == first.device.id
    assert fake_uow.devices.for_user(ada.user_id) == []
    assert [d.token for d in fake_uow.devices.for_user(bo.user_id)] == ["shared-phone"]


def test_the_device_list_holds_only_mine_most_recent_first(fake_uow, register, ada, bo, clock):
    register(ada, "old")
    clock.advance(minutes=1)
    register(ada, "new")
    register(bo, "not-mine")

    page = ListDevices(fake_uow)(ada, PageRequest(page=1, page_size=1))

    assert page.total == 2
    assert [d.token for d in page.items] == ["new"]


def test_nobody_removes_another_users_device(fake_uow, register, ada, bo):
    device = register(ada, "token-a").device

    with pytest.raises(DeviceNotFound):
        RemoveDevice(fake_uow)(bo, device.id)

    assert device.id in fake_uow.devices.rows
    RemoveDevice(fake_uow)(ada, device.id)
    assert fake_uow.devices.rows == {}


class NoTokens:
    def read_refresh_token(self, token):
        raise AssertionError("no refresh token was sent")


class RecordingBlocklist:
    def __init__(self):
        self.revoked = []

    def revoke_token(self, jti, expires_at):
        self.revoked.append(jti)


def test_logging_out_with_my_device_token_forgets_that_device_only(
    fake_uow, register, ada, bo, clock
):
    mine = register(ada, "my-phone").device
    theirs = register(bo, "their-phone").device
    log_out = LogOut(fake_uow, NoTokens(), RecordingBlocklist(), clock)

    log_out(ada, access_jti="j1", access_expires_at=clock.now(), device_token="their-phone")
    log_out(ada, access_jti="j2", access_expires_at=clock.now(), device_token="my-phone")

    assert mine.id not in fake_uow.devices.rows
    assert theirs.id in fake_uow.devices.rows
