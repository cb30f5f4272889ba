# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clawback: credit notes within the plan's window reverse commissions."""

import datetime

from .money import format_rate
from .text import as_translator


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def in_window(origin_date, refund_date, window_days):
    """True when ``refund_date`` is at most ``window_days`` after ``origin_date``.

    A window of 0 days disables clawback. A refund dated before the origin
    (data entry error) still counts as inside the window.
    """
    if not window_days or window_days <= 0 or not origin_date or not refund_date:
        return False
    delta = (_as_date(refund_date) - _as_date(origin_date)).days
    return delta <= window_days


def reversal_amount(original_amount, original_quantity, refunded_quantity, rounding_fn):
    """Negative amount reversing the refunded share of an original commission.

    The share is refunded quantity / original quantity, limited to 100%.
    """
    if not original_quantity:
        ratio = 1.0
    else:
        ratio = min(abs(refunded_quantity) / abs(original_quantity), 1.0)
    return -rounding_fn(original_amount * ratio), ratio


def remaining_to_reverse(original_amount, already_reversed, wanted, rounding_fn):
    """Never reverse more than what is left of the original amount.

    ``already_reversed`` and ``wanted`` are negative (or zero) numbers for a
    positive original. Returns the amount that may still be reversed.
    """
    left = original_amount + already_reversed
    if original_amount >= 0:
        return rounding_fn(max(wanted, -max(left, 0.0)))
    return rounding_fn(min(wanted, -min(left, 0.0)))


def explain_reversal(
    origin_name, refund_name, days, window_days, ratio, amount_text, translator=None
):
    """Human-readable reason of a reversal line."""
    tr = as_translator(translator)
    return tr._(
        "Clawback of %(origin)s: credit note %(refund)s %(days)s days after the sale "
        "(window %(window)s days) reverses %(ratio)s%% of the commission: %(amount)s"
    ) % {
        "origin": origin_name,
        "refund": refund_name,
        "days": days,
        "window": window_days,
        "ratio": format_rate(ratio * 100),
        "amount": amount_text,
    }
