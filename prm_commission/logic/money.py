# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rounding and period helpers."""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

PERIODS = ("month", "quarter", "year")


def round_amount(value, rounding=0.01):
    """Round ``value`` half-up to a multiple of ``rounding`` (currency rounding)."""
    if not rounding or rounding <= 0:
        raise ValueError("rounding must be a positive number")
    step = Decimal(str(rounding))
    units = (Decimal(str(value)) / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return float(units * step)


def is_zero(value, rounding=0.01):
    return round_amount(value, rounding) == 0


def period_bounds(day, period):
    """Return ``(first_day, last_day)`` of the month/quarter/year holding ``day``."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if period == "month":
        first_month, last_month = day.month, day.month
    elif period == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
    elif period == "year":
        first_month, last_month = 1, 12
    else:
        raise ValueError(f"unknown period {period!r}")
    last_day = calendar.monthrange(day.year, last_month)[1]
    return (
        datetime.date(day.year, first_month, 1),
        datetime.date(day.year, last_month, last_day),
    )


def format_amount(value, rounding=0.01, symbol=""):
    """Plain, locale-neutral formatting used in explanations ("1,234.50 ₫")."""
    digits = 0
    step = Decimal(str(rounding)).normalize()
    if step.as_tuple().exponent < 0:
        digits = -step.as_tuple().exponent
    text = f"{round_amount(value, rounding):,.{digits}f}"
    return f"{text} {symbol}".strip() if symbol else text


def format_rate(rate):
    """Rate without useless trailing zeros: 10 -> "10", 12.5 -> "12.5"."""
    text = f"{rate:.4f}".rstrip("0").rstrip(".")
    return text or "0"
