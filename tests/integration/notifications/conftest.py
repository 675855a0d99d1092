"""The FCM double served over HTTP, and the real FCM adapter pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from skillwise.adapters.push.fcm import FcmPushSender
from tests.doubles.fcm_api import FcmApiDouble


class RecordedSleeps(list[float]):
    """Stands in for time.sleep: keeps each wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def fcm_api() -> Iterator[FcmApiDouble]:
    with FcmApiDouble() as double:
        yield double


@pytest.fixture
def service_account_file(fcm_api: FcmApiDouble, tmp_path: Path) -> Path:
    return fcm_api.write_service_account(tmp_path / "service-account.json")


@pytest.fixture
def sleeps() -> RecordedSleeps:
    return RecordedSleeps()


@pytest.fixture
def make_fcm_sender(
    fcm_api: FcmApiDouble, service_account_file: Path, sleeps: RecordedSleeps
) -> Callable[..., FcmPushSender]:
    """An FcmPushSender for the double's project; keyword arguments override its settings."""

    def make(**overrides: Any) -> FcmPushSender:
        settings: dict[str, Any] = {
            "project_id": fcm_api.project_id,
            "credentials_file": service_account_file,
            "api_base": fcm_api.base_url,
            "timeout": 5.0,
            "sleep": sleeps,
        }
        settings.update(overrides)
        return FcmPushSender(**settings)

    return make


@pytest.fixture
def fcm_sender(make_fcm_sender: Callable[..., FcmPushSender]) -> FcmPushSender:
    return make_fcm_sender()


@pytest.fixture
def people(uow_factory, app):
    from tests.integration.builders import Builder

    return Builder(uow_factory, app)
