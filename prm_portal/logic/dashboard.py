# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Figures of the partner dashboard: month buckets of the trend chart, bar
heights, short names."""

from dateutil.relativedelta import relativedelta


def month_starts(today, count=12):
    """First days of the ``count`` months ending with the month of ``today``,
    the oldest first."""
    first = today.replace(day=1)
    return [first - relativedelta(months=back) for back in range(count - 1, -1, -1)]


def bucket(values_by_month, months):
    """Values of ``months`` (first days) from ``{first day: value}`` (0 when
    missing)."""
    return [values_by_month.get(month, 0.0) for month in months]


def bar_heights(values, floor=2):
    """Height of each bar in percent of the largest value; positive values
    get at least ``floor`` percent so that they stay visible."""
    top = max((value for value in values if value > 0), default=0)
    if not top:
        return [0 for __ in values]
    return [
        max(int(round(100 * value / top)), floor) if value > 0 else 0
        for value in values
    ]


def short_name(name, size=32):
    """``name`` cut in the middle when longer than ``size`` characters, so
    that both its start and its distinctive end stay readable
    ("Công ty TNHH Thương…Dịch vụ Sao Mai")."""
    name = " ".join((name or "").split())
    if len(name) <= size:
        return name
    tail = (size - 1) // 2
    head = size - 1 - tail
    return f"{name[:head].rstrip()}…{name[-tail:].lstrip()}"


#: The funnel of a partner, in order.
FUNNEL_STEPS = ("routed", "accepted", "opportunities", "won")


def funnel_steps(counts, rates):
    """Rows of the partner's funnel: ``counts`` and ``rates`` map the steps
    (routed, accepted, opportunities, won) to their number and to the share
    of the step before that reached it. The first step has no rate, nor a
    step when nothing reached the one before. Each row has the bar width in
    percent of the widest step."""
    top = max(counts.values(), default=0)
    rows = []
    previous = None
    for step in FUNNEL_STEPS:
        count = counts.get(step, 0)
        rate = rates.get(step) if previous else None
        rows.append(
            {
                "step": step,
                "count": count,
                "rate": None if rate is None else int(round(rate)),
                "width": int(round(100 * count / top)) if top else 0,
            }
        )
        previous = count
    return rows
