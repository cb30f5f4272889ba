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


def test_funnel_steps_rates_and_widths():
    rows = dashboard.funnel_steps(
        {"routed": 10, "accepted": 5, "opportunities": 8, "won": 2},
        {"routed": None, "accepted": 50.0, "opportunities": 66.6, "won": 25.0},
    )
    assert [row["step"] for row in rows] == [
        "routed",
        "accepted",
        "opportunities",
        "won",
    ]
    assert [row["count"] for row in rows] == [10, 5, 8, 2]
    assert [row["rate"] for row in rows] == [None, 50, 67, 25]
    assert [row["width"] for row in rows] == [100, 50, 80, 20]


def test_funnel_steps_no_rate_after_an_empty_step():
    rows = dashboard.funnel_steps(
        {"routed": 1, "accepted": 0, "opportunities": 0, "won": 0},
        {"accepted": 0.0, "opportunities": 0.0, "won": 0.0},
    )
    assert [row["rate"] for row in rows] == [None, 0, None, None]


def test_funnel_steps_without_leads():
    rows = dashboard.funnel_steps({}, {})
    assert [(row["count"], row["rate"], row["width"]) for row in rows] == [
        (0, None, 0)
    ] * 4
