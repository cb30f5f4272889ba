from conftest import load_logic

logic = load_logic("prm_training")
T = logic.targeting


def profile(stage="active", ptype="reseller", tier=1, is_partner=True):
    return T.PartnerProfile(
        1, is_partner=is_partner, stage=stage, partner_type=ptype, tier_id=tier
    )


def test_empty_audience_targets_onboarding_and_active_only():
    audience = T.make_audience(10)
    assert T.targets(audience, profile(stage="active"))
    assert T.targets(audience, profile(stage="onboarding"))
    for stage in ("prospect", "applicant", "suspended", "terminated", ""):
        assert not T.targets(audience, profile(stage=stage)), stage


def test_blocked_stages_never_targeted_even_if_listed():
    audience = T.make_audience(10, stages=["suspended", "active"])
    assert not T.targets(audience, profile(stage="suspended"))
    assert T.targets(audience, profile(stage="active"))


def test_explicit_stages():
    audience = T.make_audience(10, stages=["applicant"])
    assert T.targets(audience, profile(stage="applicant"))
    assert not T.targets(audience, profile(stage="active"))


def test_partner_type_and_tier_filters():
    audience = T.make_audience(10, partner_types=["distributor"], tier_ids=[2, 3])
    assert T.targets(audience, profile(ptype="distributor", tier=2))
    assert not T.targets(audience, profile(ptype="reseller", tier=2))
    assert not T.targets(audience, profile(ptype="distributor", tier=1))
    assert not T.targets(audience, profile(ptype="distributor", tier=0))


def test_inactive_program_or_non_partner():
    assert not T.targets(T.make_audience(1, active=False), profile())
    assert not T.targets(T.make_audience(1), profile(is_partner=False))


def test_programs_for_and_required():
    audiences = [
        T.make_audience(1),
        T.make_audience(2, tier_ids=[5], required=True),
        T.make_audience(3, required=True),
    ]
    assert T.programs_for(audiences, profile(tier=5)) == [1, 2, 3]
    assert T.programs_for(audiences, profile(tier=4)) == [1, 3]
    assert T.required_programs_for(audiences, profile(tier=5)) == [2, 3]


def test_newly_targeted_on_tier_change():
    audiences = [T.make_audience(1), T.make_audience(2, tier_ids=[2])]
    before = profile(tier=1)
    after = profile(tier=2)
    assert T.newly_targeted(audiences, before, after) == [2]
    assert T.newly_targeted(audiences, after, after) == []
    assert T.newly_targeted(audiences, None, after) == [1, 2]


def test_newly_targeted_on_stage_change():
    audiences = [T.make_audience(1)]
    assert T.newly_targeted(
        audiences, profile(stage="applicant"), profile(stage="onboarding")
    ) == [1]
    assert (
        T.newly_targeted(
            audiences, profile(stage="onboarding"), profile(stage="active")
        )
        == []
    )


def test_enrollment_pairs_skips_existing_and_duplicates():
    pairs = T.enrollment_pairs([1, 2, 1], [7, 8], existing={(1, 8)})
    assert pairs == [(1, 7), (2, 7), (2, 8)]
