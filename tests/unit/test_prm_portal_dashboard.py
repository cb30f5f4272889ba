# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Figures of the partner dashboard."""

from datetime import date

from conftest import load_logic

dashboard = load_logic("prm_portal").dashboard


def test_month_starts_end_with_the_current_month():
    months = dashboard.month_starts(date(2026, 3, 15), 12)
    assert len(months) == 12
    assert months[0] == date(2025, 4, 1)
    assert months[-1] == date(2026, 3, 1)
    assert dashboard.month_starts(date(2026, 1, 31), 2) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]


def test_bucket_fills_missing_months():
    months = [date(2026, 1, 1), date(2026, 2, 1)]
    assert dashboard.bucket({date(2026, 2, 1): 5.0}, months) == [0.0, 5.0]


def test_bar_heights_relative_to_the_largest():
    assert dashboard.bar_heights([0, 50, 100, 1]) == [0, 50, 100, 2]
    assert dashboard.bar_heights([0, 0]) == [0, 0]
    # refunds (negative months) draw no bar
    assert dashboard.bar_heights([-10, 20]) == [0, 100]


def test_short_name_keeps_start_and_end():
    name = "Công ty TNHH Thương mại Dịch vụ Sao Mai Hà Nội"
    short = dashboard.short_name(name, 24)
    assert len(short) <= 24
    assert short.startswith("Công ty")
    assert short.endswith("Mai Hà Nội")
    assert "…" in short
    assert dashboard.short_name("  Sao   Mai ", 24) == "Sao Mai"
    assert dashboard.short_name(False) == ""
