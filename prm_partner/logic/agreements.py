# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agreement date arithmetic: terms, renewals, reminders and expiry.

An agreement runs from ``date_start`` to ``date_end`` inclusive. The daily
job looks at each running agreement and decides one action.
"""

import datetime

from dateutil.relativedelta import relativedelta

ONE_DAY = datetime.timedelta(days=1)

RENEW = "renew"
REMIND = "remind"
EXPIRE = "expire"

RUNNING_STATES = ("signed", "active")


def term_end(date_start, months):
    """Last day of a term of ``months`` months starting ``date_start``."""
    if not date_start or not months or months <= 0:
        return None
    return date_start + relativedelta(months=months) - ONE_DAY


def renewal_period(date_end, renewal_months):
    """(start, end) of the successor term following an agreement ending ``date_end``."""
    start = date_end + ONE_DAY
    return start, term_end(start, renewal_months)


def reminder_date(date_end, notice_days):
    """Day on which to remind the parties (``notice_days`` before the end)."""
    if not date_end:
        return None
    return date_end - datetime.timedelta(days=max(notice_days or 0, 0))


def is_valid_period(date_start, date_end):
    """False when both dates are set and the end is before the start."""
    return not (date_start and date_end and date_end < date_start)


def daily_action(
    today,
    state,
    date_end,
    auto_renew=False,
    renewal_months=0,
    notice_days=0,
    reminded=False,
):
    """The action the daily job takes for one agreement, or None.

    - after ``date_end``: RENEW when auto-renewal is on with a positive
      term, else EXPIRE;
    - from the reminder date up to ``date_end``: REMIND once (``reminded``
      tells whether it was done already).
    Agreements that are not running, or have no end date, need nothing.
    """
    if state not in RUNNING_STATES or not date_end:
        return None
    if today > date_end:
        if auto_renew and renewal_months and renewal_months > 0:
            return RENEW
        return EXPIRE
    if not reminded and notice_days and today >= reminder_date(date_end, notice_days):
        return REMIND
    return None
