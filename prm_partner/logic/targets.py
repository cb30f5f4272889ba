# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner targets: periods and achievement."""

from .dates import period_bounds

PERIODS = ("month", "quarter", "year")


def bounds(date_from, period):
    """(date_from, date_to) of the period holding ``date_from``."""
    return period_bounds(date_from, period)


def achievement(actual, target):
    """Achievement in percent (0 when no target), rounded to 0.1."""
    if not target or target <= 0:
        return 0.0
    return round(100.0 * (actual or 0) / target, 1)


def status(percent, elapsed_share=1.0):
    """'achieved', 'on_track' or 'behind' given the share of the period elapsed."""
    if percent >= 100.0:
        return "achieved"
    if percent >= 100.0 * max(min(elapsed_share, 1.0), 0.0):
        return "on_track"
    return "behind"
