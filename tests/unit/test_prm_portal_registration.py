# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deal registration life cycle rules and rate limiting."""

from datetime import date, datetime, timedelta

import pytest
from conftest import load_logic

logic = load_logic("prm_portal")
reg = logic.registration
ratelimit = logic.ratelimit


def test_live_and_closed_states_partition_states():
    assert set(reg.LIVE_STATES) | set(reg.CLOSED_STATES) == set(reg.STATES)
    assert not set(reg.LIVE_STATES) & set(reg.CLOSED_STATES)


@pytest.mark.parametrize(
    "old, new, allowed",
    [
        ("submitted", "under_review", True),
        ("submitted", "approved", True),
        ("under_review", "rejected", True),
        ("approved", "won", True),
        ("approved", "expired", True),
        ("rejected", "approved", False),
        ("won", "lost", False),
        ("submitted", "won", False),
        ("expired", "approved", False),
    ],
)
def test_transitions(old, new, allowed):
    assert reg.can_transition(old, new) is allowed


def test_protection_end_uses_tier_days_and_extension():
    approved = date(2026, 1, 10)
    assert reg.protection_end(approved, 60) == date(2026, 3, 11)
    assert reg.protection_end(approved, 60, 30) == date(2026, 4, 10)
    # no tier days: default protection
    assert reg.protection_end(approved, 0) == approved + timedelta(
        days=reg.DEFAULT_PROTECTION_DAYS
    )


def test_expiry_the_day_after_protection_ends():
    end = date(2026, 3, 11)
    assert not reg.is_expired("approved", end, date(2026, 3, 11))
    assert reg.is_expired("approved", end, date(2026, 3, 12))
    assert not reg.is_expired("won", end, date(2026, 5, 1))
    assert not reg.is_expired("approved", None, date(2026, 5, 1))


def test_one_extension_inside_the_window():
    end = date(2026, 3, 31)
    assert reg.extension_refusal("approved", end, date(2026, 3, 10), False) is None
    assert reg.extension_refusal("approved", end, date(2026, 3, 10), True) == "already"
    early = date(2026, 1, 10)
    assert reg.extension_refusal("approved", end, early, False) == "too_early"
    assert reg.extension_refusal("approved", end, date(2026, 4, 1), False) == "ended"
    assert reg.extension_refusal("submitted", end, date(2026, 3, 10), False) == "state"


def test_state_from_opportunity():
    assert reg.state_from_opportunity(True, False) == "won"
    assert reg.state_from_opportunity(False, True) == "lost"
    assert reg.state_from_opportunity(False, False) is None


def test_rate_limit_sliding_window():
    now = datetime(2026, 3, 15, 12, 0, 0)
    attempts = [now - timedelta(minutes=m) for m in (1, 5, 30, 90)]
    # 3 attempts within the last hour
    assert ratelimit.is_allowed(attempts, now, 4, 3600)
    assert not ratelimit.is_allowed(attempts, now, 3, 3600)
    assert ratelimit.retry_after(attempts, now, 4, 3600) == 0
    # the 30-minute-old attempt leaves the window in 30 minutes
    assert ratelimit.retry_after(attempts, now, 3, 3600) == 30 * 60 + 1
    assert not ratelimit.is_allowed([], now, 0, 3600)


@pytest.mark.parametrize(
    "is_partner, stage, expected",
    [
        (True, "active", True),
        (True, "onboarding", True),
        (True, "suspended", False),
        (True, "terminated", False),
        (True, "applicant", False),
        (True, "prospect", False),
        (True, False, False),
        (False, "active", False),
    ],
)
def test_only_onboarding_and_active_partners_use_the_portal(
    is_partner, stage, expected
):
    assert reg.is_portal_partner(is_partner, stage) is expected
