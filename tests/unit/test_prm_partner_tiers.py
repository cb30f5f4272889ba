# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytest
from conftest import load_logic

logic = load_logic("prm_partner")
D = datetime.date
tr = logic.tier_rules

REGISTERED = {"id": 1, "rank": 0, "name": "Registered"}
SILVER = {"id": 2, "rank": 10, "name": "Silver", "min_revenue": 100, "min_won_deals": 2}
GOLD = {
    "id": 3,
    "rank": 20,
    "name": "Gold",
    "min_revenue": 500,
    "min_won_deals": 5,
    "min_certified_contacts": 2,
    "required_certification_type_ids": [7, 8],
}
PLATINUM = {
    "id": 4,
    "rank": 30,
    "name": "Platinum",
    "min_revenue": 2000,
    "min_won_deals": 10,
    "required_agreement_type_id": 9,
}
TIERS = [PLATINUM, SILVER, REGISTERED, GOLD]

GOLD_METRICS = {
    "revenue": 600,
    "won_deals": 6,
    "certified_contacts": 2,
    "certification_type_ids": {7, 8, 11},
}


def test_qualifying_tier_is_highest_fully_met():
    assert tr.qualifying_tier({}, TIERS) is REGISTERED
    assert tr.qualifying_tier({"revenue": 100, "won_deals": 2}, TIERS) is SILVER
    assert tr.qualifying_tier(GOLD_METRICS, TIERS) is GOLD


def test_one_unmet_criterion_blocks_the_tier():
    metrics = dict(GOLD_METRICS, certification_type_ids={7})
    assert tr.qualifying_tier(metrics, TIERS) is SILVER
    metrics = {"revenue": 5000, "won_deals": 50}
    assert tr.qualifying_tier(metrics, TIERS) is SILVER  # no agreement, no certs


def test_agreement_criterion():
    metrics = {"revenue": 5000, "won_deals": 50, "agreement_type_ids": [9]}
    assert tr.qualifies(metrics, PLATINUM)
    assert not tr.qualifies(dict(metrics, agreement_type_ids=[3]), PLATINUM)


def test_criteria_results_missing_amounts():
    results = {
        r["criterion"]: r
        for r in tr.criteria_results(
            {"revenue": 120, "won_deals": 1, "certification_type_ids": [8]}, GOLD
        )
    }
    assert set(results) == {
        "revenue",
        "won_deals",
        "certified_contacts",
        "certification_types",
    }
    assert results["revenue"]["missing"] == 380
    assert results["won_deals"] == {
        "criterion": "won_deals",
        "label": "Won deals",
        "required": 5,
        "actual": 1,
        "met": False,
        "missing": 4,
    }
    assert results["certification_types"]["missing"] == [7]
    assert results["certification_types"]["actual"] == [8]
    assert not results["certified_contacts"]["met"]


def test_criteria_results_skip_unset_criteria():
    assert tr.criteria_results({"revenue": 0}, REGISTERED) == []


def test_progress_towards_next_tier():
    result = tr.progress({"revenue": 50, "won_deals": 2}, TIERS, current_rank=0)
    assert result["tier"] is SILVER
    assert [r["met"] for r in result["criteria"]] == [False, True]
    assert result["percent"] == 75
    assert tr.progress({}, TIERS, current_rank=30) == {
        "tier": None,
        "criteria": [],
        "percent": 100,
    }
    assert tr.progress({}, TIERS, current_rank=None)["tier"] is REGISTERED


TODAY = D(2026, 5, 1)


def test_promotion_applies_at_once():
    decision = tr.decide(GOLD_METRICS, TIERS, SILVER, TODAY, grace_days=30)
    assert decision.action == tr.PROMOTE
    assert decision.target is GOLD
    assert decision.changes_tier
    assert all(r["met"] for r in decision.criteria)


def test_first_tier_is_a_promotion():
    decision = tr.decide({}, TIERS, None, TODAY)
    assert (decision.action, decision.target) == (tr.PROMOTE, REGISTERED)


def test_no_change_when_still_qualified():
    decision = tr.decide(GOLD_METRICS, TIERS, GOLD, TODAY, grace_days=30)
    assert decision.action == tr.NONE
    assert not decision.changes_tier


def test_demotion_waits_for_grace_period():
    metrics = {"revenue": 150, "won_deals": 3}
    warn = tr.decide(metrics, TIERS, GOLD, TODAY, grace_days=30)
    assert warn.action == tr.WARN
    assert warn.target is SILVER
    assert warn.demotion_date == D(2026, 5, 31)
    assert "Certified contacts" in warn.reason
    pending = tr.decide(
        metrics, TIERS, GOLD, D(2026, 5, 30), 30, demotion_date=warn.demotion_date
    )
    assert pending.action == tr.PENDING
    assert pending.demotion_date == D(2026, 5, 31)
    demote = tr.decide(
        metrics, TIERS, GOLD, D(2026, 5, 31), 30, demotion_date=warn.demotion_date
    )
    assert demote.action == tr.DEMOTE
    assert demote.target is SILVER


def test_demotion_cancelled_when_criteria_met_again():
    decision = tr.decide(
        GOLD_METRICS, TIERS, GOLD, TODAY, 30, demotion_date=D(2026, 5, 20)
    )
    assert decision.action == tr.CANCEL


def test_zero_grace_demotes_at_once():
    decision = tr.decide({}, TIERS, GOLD, TODAY, grace_days=0)
    assert (decision.action, decision.target) == (tr.DEMOTE, REGISTERED)


def test_demotion_to_no_tier_when_nothing_qualifies():
    decision = tr.decide({}, [SILVER, GOLD], GOLD, TODAY, grace_days=0)
    assert decision.action == tr.DEMOTE
    assert decision.target is None


def test_lock_keeps_tier_until_end_date():
    decision = tr.decide(
        {}, TIERS, GOLD, TODAY, 0, lock_tier=GOLD, lock_until=D(2026, 6, 30)
    )
    assert decision.action == tr.LOCKED
    decision = tr.decide({}, TIERS, GOLD, TODAY, 0, lock_tier=GOLD, lock_until=None)
    assert decision.action == tr.LOCKED
    # lock day itself still locked, the day after it is evaluated normally
    assert (
        tr.decide(
            {},
            TIERS,
            GOLD,
            D(2026, 6, 30),
            0,
            lock_tier=GOLD,
            lock_until=D(2026, 6, 30),
        ).action
        == tr.LOCKED
    )
    after = tr.decide(
        {}, TIERS, GOLD, D(2026, 7, 1), 0, lock_tier=GOLD, lock_until=D(2026, 6, 30)
    )
    assert after.action == tr.DEMOTE


def test_lock_moves_partner_to_locked_tier():
    up = tr.decide({}, TIERS, SILVER, TODAY, 30, lock_tier=PLATINUM, lock_until=None)
    assert (up.action, up.target) == (tr.PROMOTE, PLATINUM)
    down = tr.decide(
        GOLD_METRICS, TIERS, GOLD, TODAY, 30, lock_tier=SILVER, lock_until=None
    )
    assert (down.action, down.target) == (tr.DEMOTE, SILVER)


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (D(2026, 5, 15), 12, D(2025, 5, 16)),
        (D(2026, 3, 31), 1, D(2026, 3, 1)),
        (D(2026, 5, 15), 0, None),
    ],
)
def test_revenue_window_start(today, months, expected):
    assert logic.dates.window_start(today, months) == expected


def test_metrics_by_revenue_window():
    silver = dict(SILVER, revenue_window_months=6)
    gold = dict(GOLD, revenue_window_months=12, min_certified_contacts=0)
    gold["required_certification_type_ids"] = []
    metrics = {
        "revenue_by_window": {6: 120, 12: 700},
        "won_deals_by_window": {6: 2, 12: 4},
    }
    assert tr.qualifying_tier(metrics, [silver, gold]) is silver
    metrics["won_deals_by_window"][12] = 5
    assert tr.qualifying_tier(metrics, [silver, gold]) is gold
