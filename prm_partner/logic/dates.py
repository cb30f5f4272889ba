# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendar periods shared by the four addons (tiers, targets, commissions).

Month arithmetic is ``dateutil.relativedelta`` (what Odoo itself uses): it
clamps the day to the end of the month, so 31 January + 1 month is 28 (or 29)
February. The other addons import this module as
``odoo.addons.prm_partner.logic.dates``.
"""

import datetime

from dateutil.relativedelta import relativedelta

#: Length in months of each period a target or a commission plan can use.
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def window_start(today, months):
    """First day of a trailing window of ``months`` months ending ``today``.

    A window of 12 months on 2026-05-15 starts on 2025-05-16: the window
    covers exactly twelve months, today included. ``months`` <= 0 means no
    window (``None``: everything counts).
    """
    if not months or months <= 0:
        return None
    return today - relativedelta(months=months) + datetime.timedelta(days=1)


def period_bounds(value, period):
    """(first, last day) of the ``month``, ``quarter`` or ``year`` of ``value``."""
    if period not in PERIOD_MONTHS:
        raise ValueError(f"unknown period {period!r}")
    if isinstance(value, datetime.datetime):
        value = value.date()
    length = PERIOD_MONTHS[period]
    first = value.replace(month=(value.month - 1) // length * length + 1, day=1)
    return first, first + relativedelta(months=length, days=-1)
