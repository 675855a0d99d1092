from datetime import date, timedelta
from uuid import uuid4

import pytest

from skillwise.application.dashboards.use_cases.export_earnings import ExportEarnings
from skillwise.application.dashboards.use_cases.export_payments import ExportPayments
from skillwise.application.dashboards.window import InvalidWindow, Window
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.identity import Actor, Role


class FakeExportQueries:
    def __init__(self):
        self.asked = []

    def payment_lines(self, window):
        self.asked.append(("payments", window))
        return iter(["a payment"])

    def earning_lines(self, instructor_id, window):
        self.asked.append((instructor_id, window))
        return iter(["an entry"])


def test_only_an_admin_exports_payments_and_nothing_is_read_for_others(clock):
    queries = FakeExportQueries()
    with pytest.raises(PermissionDenied):
        ExportPayments(queries, clock)(Actor(uuid4(), Role.INSTRUCTOR))
    assert queries.asked == []
    lines = ExportPayments(queries, clock)(Actor(uuid4(), Role.ADMIN))
    today = clock.now().date()
    assert queries.asked == [("payments", Window(today - timedelta(days=29), today))]
    assert list(lines) == ["a payment"]


def test_the_earnings_export_reads_the_callers_own_ledger(clock):
    queries = FakeExportQueries()
    me = Actor(uuid4(), Role.INSTRUCTOR)
    ExportEarnings(queries, clock)(me, date(2026, 1, 1), date(2026, 1, 31))
    assert queries.asked == [(me.user_id, Window(date(2026, 1, 1), date(2026, 1, 31)))]


def test_a_bad_window_is_refused_before_reading(clock):
    queries = FakeExportQueries()
    with pytest.raises(InvalidWindow):
        ExportEarnings(queries, clock)(
            Actor(uuid4(), Role.INSTRUCTOR), date(2026, 2, 1), date(2026, 1, 31)
        )
    assert queries.asked == []
