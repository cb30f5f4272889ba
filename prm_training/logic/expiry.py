"""Certification validity, expiry and re-certification dates."""

import calendar
import datetime


def add_months(day, months):
    """``day`` plus ``months`` months, clamped to the end of the month."""
    if months == 0:
        return day
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def expiry_date(issue_date, validity_months):
    """Expiry of a certification issued on ``issue_date``.

    ``validity_months`` of 0 (or None) means the certification never expires
    and returns None. Negative validity is rejected.
    """
    if not validity_months:
        return None
    if validity_months < 0:
        raise ValueError("validity_months must not be negative")
    return add_months(issue_date, int(validity_months))


def renewal_date(expiry, lead_days):
    """The day the contact is re-enrolled and notified (expiry - lead time)."""
    if expiry is None:
        return None
    lead_days = max(0, int(lead_days or 0))
    return expiry - datetime.timedelta(days=lead_days)


def due_for_renewal(today, expiry, lead_days, already_renewed):
    """Whether the cron must re-enroll the contact today.

    Due from the renewal date on, including after expiry (a missed cron run
    must still re-enroll), but only once per certification.
    """
    if already_renewed or expiry is None:
        return False
    return today >= renewal_date(expiry, lead_days)
