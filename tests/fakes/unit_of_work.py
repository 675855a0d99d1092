"""FakeUnitOfWork: repositories in dictionaries, with real rollback of uncommitted changes."""

from __future__ import annotations

import copy
from typing import Any

from tests.fakes.accounts import FakeOneTimeTokenRepository, FakeRefreshTokenRepository
from tests.fakes.catalog import (
    FakeAttachmentRepository,
    FakeLessonRepository,
    FakeModuleRepository,
)
from tests.fakes.learning import (
    FakeLessonProgressRepository,
    FakeReportRepository,
    FakeReviewRepository,
)
from tests.fakes.payments import (
    FakeEarningRepository,
    FakeInvoiceRepository,
    FakePaymentEventRepository,
    FakePaymentRepository,
)
from tests.fakes.repositories import (
    FakeCourseRepository,
    FakeEnrollmentRepository,
    FakeNotificationRepository,
    FakeOutboxRepository,
    FakeUserRepository,
)

# Attribute name on the unit of work -> fake repository class; subjects add theirs here.
FAKE_REPOSITORIES: dict[str, type] = {
    "users": FakeUserRepository,
    "courses": FakeCourseRepository,
    "enrollments": FakeEnrollmentRepository,
    "notifications": FakeNotificationRepository,
    "outbox": FakeOutboxRepository,
    "one_time_tokens": FakeOneTimeTokenRepository,
    "refresh_tokens": FakeRefreshTokenRepository,
    "payments": FakePaymentRepository,
    "payment_events": FakePaymentEventRepository,
    "invoices": FakeInvoiceRepository,
    "earnings": FakeEarningRepository,
    "lesson_progress": FakeLessonProgressRepository,
    "reviews": FakeReviewRepository,
    "reports": FakeReportRepository,
    "modules": FakeModuleRepository,
    "lessons": FakeLessonRepository,
    "attachments": FakeAttachmentRepository,
}


class FakeUnitOfWork:
    """Changes made inside `with uow:` vanish unless `commit()` is called, as with a database."""

    def __init__(self) -> None:
        for name, repository_class in FAKE_REPOSITORIES.items():
            setattr(self, name, repository_class())
        self.commits = 0
        self._snapshot: dict[str, Any] | None = None

    def _state(self) -> dict[str, Any]:
        return {name: copy.deepcopy(vars(getattr(self, name))) for name in FAKE_REPOSITORIES}

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = self._state()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()
        self._snapshot = None

    def commit(self) -> None:
        self.commits += 1
        self._snapshot = self._state()

    def rollback(self) -> None:
        if self._snapshot is None:
            return
        for name, state in self._snapshot.items():
            repository = getattr(self, name)
            repository.__dict__.clear()
            repository.__dict__.update(copy.deepcopy(state))
