# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Onboarding checklist progress and lifecycle stage rules."""

STAGES = ("prospect", "applicant", "onboarding", "active", "suspended", "terminated")

# Stages a partner may move to from each stage.
TRANSITIONS = {
    "prospect": {"applicant", "onboarding", "terminated"},
    "applicant": {"prospect", "onboarding", "terminated"},
    "onboarding": {"applicant", "active", "suspended", "terminated"},
    "active": {"suspended", "terminated"},
    "suspended": {"active", "onboarding", "terminated"},
    "terminated": {"prospect", "applicant"},
}

# Routine moves of the onboarding that PRM users make; every other move
# decides on the partnership (approving an application, suspending,
# terminating, reactivating) and is for PRM managers.
USER_TRANSITIONS = {
    ("prospect", "applicant"),
    ("applicant", "prospect"),
    ("onboarding", "applicant"),
    ("onboarding", "active"),
}
# Stages a PRM user may give a new partner.
USER_START_STAGES = {"prospect", "applicant"}


def progress(done, total):
    """Checklist completion in percent (100 when there is nothing to do)."""
    if not total:
        return 100
    return int(round(100.0 * min(done, total) / total))


def is_allowed(old_stage, new_stage):
    """Whether the lifecycle allows moving from ``old_stage`` to ``new_stage``."""
    if old_stage == new_stage:
        return True
    if not old_stage:
        return new_stage in STAGES
    return new_stage in TRANSITIONS.get(old_stage, set())


def activation_blocked(new_stage, done, total, force=False):
    """True when activation must be refused: checklist not done, not forced."""
    return new_stage == "active" and not force and done < total


def needs_manager(old_stage, new_stage):
    """Whether moving from ``old_stage`` (None: a new partner) to
    ``new_stage`` is a PRM manager's decision."""
    if old_stage == new_stage:
        return False
    if not old_stage:
        return new_stage not in USER_START_STAGES
    return (old_stage, new_stage) not in USER_TRANSITIONS
