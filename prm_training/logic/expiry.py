"""Certification renewal dates (the expiry date itself is prm_partner's rule)."""

import datetime


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
