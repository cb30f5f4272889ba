# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Audience rules shared by the library, announcements, newsletter segments,
partner events and the partner community."""

import pytest
from conftest import load_logic_module

audience = load_logic_module("prm_portal", "audience")
Audience, Profile = audience.Audience, audience.Profile

GOLD, SILVER = 1, 2
NORTH, HANOI, SOUTH = 10, 11, 20
# a Gold reseller of Hanoi (its scope: Hanoi and the North above it)
GOLD_RESELLER_HANOI = Profile(
    partner_id=100,
    tier_id=GOLD,
    partner_type="reseller",
    territory_ids=frozenset({NORTH, HANOI}),
    stage="active",
)
SILVER_DISTRIBUTOR_SOUTH = Profile(
    partner_id=200,
    tier_id=SILVER,
    partner_type="distributor",
    territory_ids=frozenset({SOUTH}),
    stage="onboarding",
)
NO_TIER = Profile(partner_id=300)


@pytest.mark.parametrize(
    "rule, gold_hanoi, silver_south, no_tier",
    [
        (Audience(), True, True, True),
        (Audience(audience.TIERS, tier_ids=frozenset({GOLD})), True, False, False),
        (Audience(audience.TIERS), False, False, False),
        (Audience(audience.TYPES, partner_type="distributor"), False, True, False),
        # a type audience without a type reaches nobody, not the untyped
        (Audience(audience.TYPES), False, False, False),
        (
            Audience(audience.TERRITORIES, territory_ids=frozenset({NORTH})),
            True,
            False,
            False,
        ),
        (
            Audience(audience.PARTNERS, partner_ids=frozenset({200, 300})),
            False,
            True,
            True,
        ),
        # matching rules: every rule given, the empty ones match anyone
        (Audience(audience.RULES), True, True, True),
        (
            Audience(
                audience.RULES,
                tier_ids=frozenset({GOLD}),
                partner_type="reseller",
                territory_ids=frozenset({NORTH}),
            ),
            True,
            False,
            False,
        ),
        (
            Audience(
                audience.RULES,
                tier_ids=frozenset({GOLD}),
                territory_ids=frozenset({SOUTH}),
            ),
            False,
            False,
            False,
        ),
        (Audience(audience.RULES, stage="onboarding"), False, True, False),
        (Audience("unknown"), False, False, False),
    ],
)
def test_reaches(rule, gold_hanoi, silver_south, no_tier):
    assert audience.reaches(rule, GOLD_RESELLER_HANOI) is gold_hanoi
    assert audience.reaches(rule, SILVER_DISTRIBUTOR_SOUTH) is silver_south
    assert audience.reaches(rule, NO_TIER) is no_tier


@pytest.mark.parametrize(
    "is_partner, stage, stages, expected",
    [
        (True, "active", ("onboarding", "active"), True),
        (True, "onboarding", ("onboarding", "active"), True),
        # the community: active partners only
        (True, "onboarding", ("active",), False),
        (True, "suspended", ("onboarding", "active"), False),
        (False, "active", ("onboarding", "active"), False),
        (True, False, ("active",), False),
    ],
)
def test_in_stages(is_partner, stage, stages, expected):
    assert audience.in_stages(is_partner, stage, stages) is expected


@pytest.mark.parametrize(
    "tiers, types, expected",
    [
        ([], [], (audience.ALL, frozenset(), None)),
        ([GOLD], [], (audience.TIERS, frozenset({GOLD}), None)),
        ([], ["reseller"], (audience.TYPES, frozenset(), "reseller")),
        (
            [GOLD, SILVER],
            ["reseller"],
            (audience.RULES, frozenset({GOLD, SILVER}), "reseller"),
        ),
        # one type listed twice is one type
        ([], ["reseller", "reseller"], (audience.TYPES, frozenset(), "reseller")),
        # several types: the partners chosen by the caller
        (
            [GOLD],
            ["reseller", "distributor"],
            (audience.PARTNERS, frozenset({GOLD}), None),
        ),
    ],
)
def test_from_tiers_and_types(tiers, types, expected):
    assert audience.from_tiers_and_types(tiers, types) == expected


def test_converted_audience_reaches_the_same_partners():
    """An event for Gold resellers of the first versions reaches the Gold
    reseller and nobody else once converted."""
    kind, tier_ids, partner_type = audience.from_tiers_and_types([GOLD], ["reseller"])
    rule = Audience(kind, tier_ids=tier_ids, partner_type=partner_type)
    assert audience.reaches(rule, GOLD_RESELLER_HANOI)
    assert not audience.reaches(rule, SILVER_DISTRIBUTOR_SOUTH)
    assert not audience.reaches(rule, NO_TIER)
