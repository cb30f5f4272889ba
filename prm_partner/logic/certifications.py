# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Certification validity: expiry date and state."""

import datetime

from dateutil.relativedelta import relativedelta

VALID = "valid"
EXPIRING = "expiring"
EXPIRED = "expired"
REVOKED = "revoked"

#: States of a certification in force: it counts for tier criteria and
#: training progress, is renewed, and its certificate can be downloaded.
IN_FORCE_STATES = (VALID, EXPIRING)

DEFAULT_WARNING_DAYS = 30


def expiry_date(issue_date, validity_months):
    """Date on which a certification issued ``issue_date`` stops being valid.

    ``validity_months`` of 0 (or empty) means it never expires (None). A
    certificate issued 2026-01-15 for 12 months is valid up to 2027-01-14 and
    expires on 2027-01-15. A negative validity is an error (the certification
    type refuses one).
    """
    if validity_months and validity_months < 0:
        raise ValueError("validity_months must not be negative")
    if not issue_date or not validity_months:
        return None
    return issue_date + relativedelta(months=int(validity_months))


def state(today, expiry, revoked=False, warning_days=DEFAULT_WARNING_DAYS):
    """State of a certification on ``today``."""
    if revoked:
        return REVOKED
    if expiry is None:
        return VALID
    if today >= expiry:
        return EXPIRED
    if today >= expiry - datetime.timedelta(days=max(warning_days, 0)):
        return EXPIRING
    return VALID


def in_force_domain():
    """:data:`IN_FORCE_STATES` as a search domain on ``prm.certification``."""
    return [("state", "in", IN_FORCE_STATES)]


def is_in_force(cert_state):
    """Whether a certification in ``cert_state`` is in force (valid or
    expiring): :func:`in_force_domain` for one state."""
    return cert_state in IN_FORCE_STATES
