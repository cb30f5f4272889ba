# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rounding of amounts and writing of rates (amounts are written by the
caller's formatter: ``odoo.tools.format_amount`` in Odoo)."""

from decimal import ROUND_HALF_UP, Decimal


def round_amount(value, rounding=0.01):
    """Round ``value`` half-up to a multiple of ``rounding`` (currency rounding)."""
    if not rounding or rounding <= 0:
        raise ValueError("rounding must be a positive number")
    step = Decimal(str(rounding))
    units = (Decimal(str(value)) / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return float(units * step)


def format_rate(rate):
    """Rate without useless trailing zeros: 10 -> "10", 12.5 -> "12.5"."""
    text = f"{rate:.4f}".rstrip("0").rstrip(".")
    return text or "0"
