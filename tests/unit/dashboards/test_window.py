from datetime import date

import pytest

from skillwise.application.dashboards.window import InvalidWindow, Window, resolve_window

TODAY = date(2026, 11, 26)


def test_the_default_window_is_the_last_30_days_today_included():
    window = resolve_window(None, None, TODAY)
    assert window == Window(date(2026, 10, 28), TODAY)
    assert len(window.days()) == 30


def test_a_missing_start_counts_30_days_back_from_the_given_end():
    assert resolve_window(None, date(2026, 3, 30), TODAY).first == date(2026, 3, 1)


def test_both_ends_are_whole_utc_days_included():
    window = resolve_window(date(2026, 9, 30), date(2026, 11, 1), TODAY)
    assert window.since.isoformat() == "2026-09-30T00:00:00+00:00"
    assert window.until.isoformat() == "2026-11-02T00:00:00+00:00"
    assert window.months() == ["2026-09", "2026-10", "2026-11"]


def test_the_months_cross_a_new_year():
    assert resolve_window(date(2025, 12, 5), date(2026, 1, 2), TODAY).months() == [
        "2025-12",
        "2026-01",
    ]


def test_a_window_of_366_days_is_allowed_but_not_one_more():
    assert len(resolve_window(date(2024, 1, 1), date(2024, 12, 31), TODAY).days()) == 366
    with pytest.raises(InvalidWindow):
        resolve_window(date(2025, 1, 1), date(2026, 1, 2), TODAY)


def test_a_start_after_the_end_is_refused():
    with pytest.raises(InvalidWindow) as refused:
        resolve_window(date(2026, 11, 2), date(2026, 11, 1), TODAY)
    assert refused.value.code == "invalid_window"
