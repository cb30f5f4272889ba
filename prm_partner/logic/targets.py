# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partner targets: achievement and on-track status."""

ACHIEVED = "achieved"
ON_TRACK = "on_track"
BEHIND = "behind"


def achievement(actual, target):
    """Achievement in percent (0 when no target), rounded to 0.1."""
    if not target or target <= 0:
        return 0.0
    return round(100.0 * (actual or 0) / target, 1)


def elapsed_share(today, date_from, date_to):
    """Share (0..1) of the period ``date_from``..``date_to`` elapsed at the
    end of ``today``."""
    days = (date_to - date_from).days + 1
    if days <= 0:
        return 1.0
    return min(max(((today - date_from).days + 1) / days, 0.0), 1.0)


def status(percent, elapsed_share=1.0):
    """'achieved', 'on_track' or 'behind' given the share of the period elapsed."""
    if percent >= 100.0:
        return ACHIEVED
    if percent >= 100.0 * max(min(elapsed_share, 1.0), 0.0):
        return ON_TRACK
    return BEHIND
