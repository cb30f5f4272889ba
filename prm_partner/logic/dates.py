# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendar arithmetic shared by tiers, agreements, certifications and targets."""

import calendar
import datetime


def add_months(value, months):
    """Return ``value`` shifted by ``months`` calendar months.

    The day is clamped to the last day of the target month, so
    31 January + 1 month is 28 (or 29) February.
    """
    if value is None:
        return None
    index = value.year * 12 + (value.month - 1) + int(months)
    year, month = divmod(index, 12)
    month += 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


def window_start(today, months):
    """First day of a trailing window of ``months`` months ending ``today``.

    A window of 12 months on 2026-05-15 starts on 2025-05-16: the window
    covers exactly twelve months, today included. ``months`` <= 0 means no
    window (``None``: everything counts).
    """
    if not months or months <= 0:
        return None
    return add_months(today, -months) + datetime.timedelta(days=1)


def period_bounds(value, period):
    """(first, last day) of the ``month``, ``quarter`` or ``year`` of ``value``."""
    if period == "month":
        first = value.replace(day=1)
        return first, add_months(first, 1) - datetime.timedelta(days=1)
    if period == "quarter":
        first = value.replace(month=3 * ((value.month - 1) // 3) + 1, day=1)
        return first, add_months(first, 3) - datetime.timedelta(days=1)
    if period == "year":
        return value.replace(month=1, day=1), value.replace(month=12, day=31)
    raise ValueError(f"unknown period {period!r}")
