# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytest
from conftest import load_logic

logic = load_logic("prm_partner")
D = datetime.date
rt = logic.routing
zr = logic.zip_ranges

VN, TH = 241, 217
HN, DN, HCM = 10, 20, 30
IT, RETAIL = 5, 6

TERRITORIES = [
    {"id": 1, "name": "Việt Nam", "country_ids": [VN]},
    {"id": 2, "name": "Miền Bắc", "parent_id": 1, "state_ids": [HN]},
    {
        "id": 3,
        "name": "Hà Nội - Ba Đình",
        "parent_id": 2,
        "zip_from": "111000",
        "zip_to": "111999",
    },
    {"id": 4, "name": "TP. HCM", "parent_id": 1, "state_ids": [HCM]},
    {"id": 5, "name": "IT Việt Nam", "parent_id": 1, "industry_ids": [IT]},
    {"id": 6, "name": "Everywhere"},
]
BY_ID = {t["id"]: t for t in TERRITORIES}
LEAD_BA_DINH = {
    "country_id": VN,
    "state_id": HN,
    "zip": "111 200",
    "industry_id": RETAIL,
}


def _partner(pid, territories, **kw):
    values = {
        "id": pid,
        "name": f"P{pid}",
        "territory_ids": territories,
        "open_leads": 0,
    }
    values.update(kw)
    return values


def test_child_territory_inherits_parent_criteria():
    effective = rt.effective_territory(BY_ID[3], BY_ID)
    assert effective["country_ids"] == [VN]
    assert effective["state_ids"] == [HN]
    assert effective["zip_from"] == "111000"


@pytest.mark.parametrize(
    ("territory_id", "lead", "level"),
    [
        (3, LEAD_BA_DINH, rt.ZIP),
        (2, LEAD_BA_DINH, rt.STATE),
        (1, LEAD_BA_DINH, rt.COUNTRY),
        (6, LEAD_BA_DINH, rt.ANYWHERE),
        (4, LEAD_BA_DINH, rt.NO_MATCH),
        (3, dict(LEAD_BA_DINH, zip="112000"), rt.NO_MATCH),
        (1, dict(LEAD_BA_DINH, country_id=TH), rt.NO_MATCH),
        (5, LEAD_BA_DINH, rt.NO_MATCH),
        (5, dict(LEAD_BA_DINH, industry_id=IT), rt.COUNTRY),
    ],
)
def test_match_level(territory_id, lead, level):
    territory = rt.effective_territory(BY_ID[territory_id], BY_ID)
    assert rt.match_level(territory, lead) == level


def test_ranking_prefers_zip_over_state_over_country():
    partners = [
        _partner(10, [1], tier_rank=30),
        _partner(11, [2], tier_rank=0),
        _partner(12, [3], tier_rank=0),
        _partner(13, [4], tier_rank=30),
    ]
    ranked = rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES)
    assert [c.partner_id for c in ranked] == [12, 11, 10]
    assert [c.level for c in ranked] == [rt.ZIP, rt.STATE, rt.COUNTRY]
    assert ranked[0].score > ranked[1].score > ranked[2].score
    reason = rt.format_reason(ranked[0].reasons)
    assert "zip 111200 in territory Hà Nội - Ba Đình (111000-111999)" in reason


def test_partner_type_then_tier_rank():
    partners = [
        _partner(1, [2], tier_rank=30, partner_type="referral"),
        _partner(2, [2], tier_rank=10, partner_type="reseller"),
        _partner(3, [2], tier_rank=20, partner_type="reseller"),
    ]
    ranked = rt.rank_candidates(
        LEAD_BA_DINH, partners, TERRITORIES, partner_types=["reseller"]
    )
    assert [c.partner_id for c in ranked] == [3, 2, 1]
    assert "partner type reseller wanted" in rt.format_reason(ranked[0].reasons)
    ranked = rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES)
    assert [c.partner_id for c in ranked] == [1, 3, 2]


def test_capacity_excludes_full_partners():
    partners = [
        _partner(1, [3], tier_rank=30, open_leads=5, capacity=5),
        _partner(2, [2], tier_rank=0, open_leads=9, capacity=10),
    ]
    ranked = rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES)
    assert [c.partner_id for c in ranked] == [2]
    everyone = rt.rank_candidates(
        LEAD_BA_DINH, partners, TERRITORIES, include_excluded=True
    )
    assert [(c.partner_id, c.eligible) for c in everyone] == [(2, True), (1, False)]
    assert rt.format_reason(everyone[1].reasons).startswith(
        "at capacity (5 of 5 open leads)"
    )


def test_declined_partners_never_offered_again():
    partners = [_partner(1, [3]), _partner(2, [1])]
    ranked = rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES, declined_ids={1})
    assert [c.partner_id for c in ranked] == [2]


def test_no_territory_match_excluded_unless_allowed():
    partners = [_partner(1, [4]), _partner(2, [])]
    assert rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES) == []
    loose = rt.rank_candidates(
        LEAD_BA_DINH, partners, TERRITORIES, require_territory=False
    )
    assert {c.partner_id for c in loose} == {1, 2}
    assert "no territory matches the lead" in rt.format_reason(loose[0].reasons)


def test_weighted_round_robin_among_equals():
    # same territory, type and tier: load per weight decides, then last assignment
    partners = [
        _partner(1, [2], tier_rank=10, open_leads=4, weight=2),  # 2.0
        _partner(2, [2], tier_rank=10, open_leads=3, weight=1),  # 3.0
        _partner(3, [2], tier_rank=10, open_leads=2, weight=2, last_assigned=5),  # 1.0
        _partner(
            4, [2], tier_rank=10, open_leads=1, weight=1, last_assigned=3
        ),  # 1.0, older
    ]
    ranked = rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES)
    assert [c.partner_id for c in ranked] == [4, 3, 1, 2]


def test_round_robin_rotates_when_assignments_accumulate():
    partners = [
        _partner(1, [2], tier_rank=10, weight=2),
        _partner(2, [2], tier_rank=10, weight=1),
    ]
    picks = []
    for step in range(6):
        best = rt.rank_candidates(LEAD_BA_DINH, partners, TERRITORIES)[0].partner_id
        picks.append(best)
        chosen = next(p for p in partners if p["id"] == best)
        chosen["open_leads"] += 1
        chosen["last_assigned"] = step
    assert picks.count(1) == 4 and picks.count(2) == 2


def test_custom_templates_translate_reasons():
    text = rt.format_reason(
        [("tier", {"rank": 3}), ("no_tier", {})], {"tier": "hạng %(rank)s"}
    )
    assert text == "hạng 3; no tier"


@pytest.mark.parametrize(
    ("zip_from", "zip_to", "error"),
    [
        ("100000", "199999", None),
        ("", "", None),
        ("100000", "", zr.INCOMPLETE),
        ("10000", "199999", zr.SHAPE),
        ("AB1", "123", zr.SHAPE),
        ("1000#", "19999", zr.INVALID),
        ("200000", "100000", zr.REVERSED),
        ("SW1A 1AA", "sw1z-9zz", None),
    ],
)
def test_validate_zip_range(zip_from, zip_to, error):
    assert zr.validate_range(zip_from, zip_to) == error


def test_zip_in_range():
    assert zr.in_range("700 123", "700000", "709999")
    assert zr.in_range("700000", "700000", "709999")
    assert zr.in_range("709999", "700000", "709999")
    assert not zr.in_range("710000", "700000", "709999")
    assert not zr.in_range("70012", "700000", "709999")
    assert not zr.in_range("", "700000", "709999")
    assert not zr.in_range("700123", "", "")
