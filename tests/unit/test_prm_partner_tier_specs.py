# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one list of tier criteria, decision codes and history snapshots."""

import datetime

from conftest import load_logic

tr = load_logic("prm_partner").tier_rules
D = datetime.date

SILVER = {"id": 2, "rank": 10, "name": "Silver", "min_revenue": 100}
GOLD = {
    "id": 3,
    "rank": 20,
    "name": "Gold",
    "min_revenue": 500,
    "revenue_window_months": 12,
    "required_certification_type_ids": [7],
}


def test_every_criterion_has_one_spec():
    assert tr.CRITERIA == tuple(spec.code for spec in tr.CRITERIA_SPECS)
    assert set(tr.LABELS) == set(tr.CRITERIA)
    tier_fields = [spec.tier_field for spec in tr.CRITERIA_SPECS]
    assert len(set(tier_fields)) == len(tier_fields)
    for spec in tr.CRITERIA_SPECS:
        assert (spec.comodel is None) == (spec.kind == tr.AMOUNT)


def test_decisions_carry_a_code():
    today = D(2026, 5, 1)
    assert tr.decide({"revenue": 600}, [SILVER], None, today).code == tr.QUALIFIED
    locked = tr.decide({}, [SILVER, GOLD], SILVER, today, lock_tier=GOLD)
    assert (locked.action, locked.code) == (tr.PROMOTE, tr.BY_LOCK)
    kept = tr.decide({}, [SILVER, GOLD], GOLD, today, lock_tier=GOLD)
    assert (kept.action, kept.code) == (tr.LOCKED, tr.BY_LOCK)
    warn = tr.decide({"revenue": 150}, [SILVER, GOLD], GOLD, today, grace_days=30)
    assert (warn.action, warn.code) == (tr.WARN, tr.UNMET)
    again = tr.decide(
        {"revenue": 150}, [SILVER], SILVER, today, demotion_date=D(2026, 6, 1)
    )
    assert (again.action, again.code) == (tr.CANCEL, tr.MET_AGAIN)
    same = tr.decide({"revenue": 150}, [SILVER], SILVER, today)
    assert (same.action, same.code) == (tr.NONE, tr.UNCHANGED)


def test_snapshot_reads_the_tier_window():
    metrics = tr.empty_metrics()
    metrics["revenue_by_window"] = {12: 800.0, 0: 900.0}
    metrics["won_deals_by_window"] = {12: 3}
    metrics["certification_type_ids"] = {9, 7}
    assert tr.snapshot(metrics, GOLD) == {
        "window_months": 12,
        "revenue": 800.0,
        "won_deals": 3,
        "certified_contacts": 0,
        "csat": 0,
        "events_attended": 0,
        "certification_type_ids": [7, 9],
        "agreement_type_ids": [],
    }
    assert tr.snapshot(metrics, None)["revenue"] == 900.0
    assert tr.snapshot({}, SILVER)["revenue"] == 0.0
