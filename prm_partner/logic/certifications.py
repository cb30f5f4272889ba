# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Certification validity: expiry date and state."""

import datetime

from .dates import add_months

VALID = "valid"
EXPIRING = "expiring"
EXPIRED = "expired"
REVOKED = "revoked"

DEFAULT_WARNING_DAYS = 30


def expiry_date(issue_date, validity_months):
    """Date on which a certification issued ``issue_date`` stops being valid.

    ``validity_months`` <= 0 means it never expires (None). A certificate
    issued 2026-01-15 for 12 months is valid up to 2027-01-14 and expires on
    2027-01-15.
    """
    if not issue_date or not validity_months or validity_months <= 0:
        return None
    return add_months(issue_date, validity_months)


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


def counts_for_tier(cert_state):
    """Valid and expiring certifications still count for tier criteria."""
    return cert_state in (VALID, EXPIRING)
