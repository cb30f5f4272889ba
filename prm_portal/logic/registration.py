# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Life cycle rules of a deal registration: states, transitions, protection."""

from datetime import timedelta

SUBMITTED = "submitted"
UNDER_REVIEW = "under_review"
APPROVED = "approved"
REJECTED = "rejected"
EXPIRED = "expired"
WON = "won"
LOST = "lost"

STATES = (SUBMITTED, UNDER_REVIEW, APPROVED, REJECTED, EXPIRED, WON, LOST)

#: States in which a registration holds (or claims) its customer.
LIVE_STATES = (SUBMITTED, UNDER_REVIEW, APPROVED)
#: Final states.
CLOSED_STATES = (REJECTED, EXPIRED, WON, LOST)
#: States in which the partner may still edit the registration.
EDITABLE_STATES = (SUBMITTED,)

TRANSITIONS = {
    SUBMITTED: {UNDER_REVIEW, APPROVED, REJECTED},
    UNDER_REVIEW: {APPROVED, REJECTED},
    APPROVED: {EXPIRED, WON, LOST},
    REJECTED: set(),
    EXPIRED: set(),
    WON: set(),
    LOST: set(),
}

#: Protection granted when a partner's tier defines none.
DEFAULT_PROTECTION_DAYS = 90
#: Extension granted on request (once).
DEFAULT_EXTENSION_DAYS = 30
#: An extension may be requested this many days before the end at most.
EXTENSION_REQUEST_WINDOW_DAYS = 30

#: Partner stages that use the portal's partner features (library, deal
#: registration and edition, extensions, routed leads).  Suspended and
#: terminated partners keep reading what they registered, nothing more.
PORTAL_STAGES = ("onboarding", "active")


def is_portal_partner(is_partner, stage):
    """Whether a company with this PRM flag and stage uses the partner
    features of the portal."""
    return bool(is_partner) and stage in PORTAL_STAGES


def can_transition(old, new):
    return new in TRANSITIONS.get(old, set())


def protection_end(approval_date, protection_days, extension_days=0):
    """Last protected day: approval + protection days (+ granted extension)."""
    days = (
        protection_days
        if protection_days and protection_days > 0
        else (DEFAULT_PROTECTION_DAYS)
    )
    return approval_date + timedelta(days=days + max(extension_days or 0, 0))


def expired_domain(today):
    """The expiry rule as a search domain: an approved registration expires
    the day after its protection ends.  The daily expiry searches it;
    :func:`is_expired` applies it to the values of one registration."""
    return [("state", "=", APPROVED), ("protected_until", "<", today)]


# How the operators of :func:`expired_domain` compare a value, as the
# database does (an empty date is before nothing).
_OPERATORS = {
    "=": lambda value, arg: value == arg,
    "<": lambda value, arg: bool(value) and value < arg,
}


def is_expired(state, protected_until, today):
    """Whether a registration in ``state``, protected until
    ``protected_until``, has expired on ``today`` (:func:`expired_domain`)."""
    values = {"state": state, "protected_until": protected_until}
    return all(
        _OPERATORS[operator](values[name], arg)
        for name, operator, arg in expired_domain(today)
    )


def extension_refusal(state, protected_until, today, already_requested):
    """Why an extension cannot be requested now, as a code, or ``None``.

    Codes: ``state`` (not approved), ``already`` (one extension per
    registration), ``too_early`` (more than the request window before the
    end), ``ended`` (protection already over).
    """
    if state != APPROVED:
        return "state"
    if already_requested:
        return "already"
    if not protected_until or is_expired(state, protected_until, today):
        return "ended"
    if (protected_until - today).days > EXTENSION_REQUEST_WINDOW_DAYS:
        return "too_early"
    return None


def state_from_opportunity(won, lost_or_inactive):
    """Registration state mirrored from its opportunity, or ``None``."""
    if won:
        return WON
    if lost_or_inactive:
        return LOST
    return None
