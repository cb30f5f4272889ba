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


def test_snapshot_leaves_out_what_was_not_measured():
    metrics = tr.empty_metrics([12])
    metrics["events_attended_by_window"] = None  # no tier counts them
    values = tr.snapshot(metrics, GOLD)
    assert "events_attended" not in values
    assert values["revenue"] == 0.0


def test_metrics_table_shares_one_empty_metrics():
    table = tr.MetricsTable([12, 24])
    assert table[1] is table[2] is table.empty
    assert 1 not in table  # reading never adds a partner
    own = table.own(3)
    own["revenue_by_window"][12] += 50.0
    assert table.own(3) is own is table[3]
    assert table.empty["revenue_by_window"] == {12: 0.0, 24: 0.0}
    assert list(table) == [3]


def test_required_records_are_checked_before_the_amounts():
    checks = tr._checks(
        {
            "min_revenue": 500,
            "min_won_deals": 2,
            "required_agreement_type_id": 4,
            "required_certification_type_ids": [7],
        }
    )
    kinds = [check[0] for check in checks]
    assert kinds == [tr.ALL_IDS, tr.ONE_ID, tr.AMOUNT, tr.AMOUNT]
    # the same verdicts whatever the order
    both = {"revenue": 900, "won_deals": 3, "agreement_type_ids": {4}}
    assert not tr._passes(both, checks)  # the certification is missing
    both["certification_type_ids"] = {7}
    assert tr._passes(both, checks)
