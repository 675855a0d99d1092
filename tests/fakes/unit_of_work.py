"""FakeUnitOfWork: repositories in dictionaries, with real rollback of uncommitted changes."""

from __future__ import annotations

import copy
from typing import Any

import tests.fakes.accounts
import tests.fakes.catalog
import tests.fakes.certificates
import tests.fakes.coupons
import tests.fakes.learning
import tests.fakes.notifications
import tests.fakes.payments
import tests.fakes.repositories
import tests.fakes.uploads
import tests.fakes.wishlist  # noqa: F401  (the modules above register their repositories)
from skillwise.application.notifications.delivery import push_outbox_message
from skillwise.application.shared.effects import AfterCommit, Effect, OutboxMessageAdded
from skillwise.application.shared.unit_of_work import UnitOfWork
from tests.fakes.base import FakeRepository
from tests.fakes.catalog import RecordingCatalogCache

FAKE_REPOSITORIES: dict[str, type] = FakeRepository.registry.for_unit_of_work(UnitOfWork)


class CommitFailed(RuntimeError):
    """What a fake commit raises when a test asks it to fail, as a lost connection would."""


class FakeUnitOfWork:
    """Changes made inside `with uow:` vanish unless `commit()` is called, as with a database.

    Effects declared with `after_commit` run through the real `AfterCommit` after a commit
    (into `catalog_cache`, a recording fake, and `relayed`, the outbox ids handed off), and
    are dropped on rollback. Outbox messages added in a transaction are declared on commit,
    as the SQL outbox repository declares them when it writes one, and each notification
    added gets its push message, as the SQL notification repository writes it.
    """

    def __init__(self) -> None:
        for name, repository_class in FAKE_REPOSITORIES.items():
            setattr(self, name, repository_class())
        self.commits = 0
        self.fail_next_commit = False
        self.catalog_cache = RecordingCatalogCache(self)
        self.relayed: list = []
        self._run_after_commit = AfterCommit(self.catalog_cache, task_queue=self)
        self._effects: list[Effect] = []
        self._snapshot: dict[str, Any] | None = None

    def _state(self) -> dict[str, Any]:
        return {name: copy.deepcopy(vars(getattr(self, name))) for name in FAKE_REPOSITORIES}

    def __enter__(self) -> FakeUnitOfWork:
        self._snapshot = self._state()
        self._effects = []
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()
        self._snapshot = None

    def after_commit(self, effect: Effect) -> None:
        self._effects.append(effect)

    def commit(self) -> None:
        if self.fail_next_commit:
            self.fail_next_commit = False
            raise CommitFailed("the database went away during commit")
        notified_before = set(self._snapshot["notifications"]["rows"]) if self._snapshot else set()
        for notification_id, notification in self.notifications.rows.items():
            if notification_id not in notified_before:
                self.outbox.add(push_outbox_message(notification))
        written_before = set(self._snapshot["outbox"]["rows"]) if self._snapshot else set()
        self._effects += [
            OutboxMessageAdded(message_id)
            for message_id in self.outbox.rows
            if message_id not in written_before
        ]
        self.commits += 1
        self._snapshot = self._state()
        effects, self._effects = self._effects, []
        self._run_after_commit(effects)

    def rollback(self) -> None:
        self._effects = []
        if self._snapshot is None:
            return
        for name, state in self._snapshot.items():
            repository = getattr(self, name)
            repository.__dict__.clear()
            repository.__dict__.update(copy.deepcopy(state))

    def deliver_outbox_message(self, message_id) -> None:
        """The task queue `AfterCommit` hands outbox messages to."""
        self.relayed.append(message_id)
