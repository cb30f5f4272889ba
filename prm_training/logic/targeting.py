"""Which training programs target which channel partners.

A program describes its audience with three optional filters: the lifecycle
stages, the partner types and the tiers it is meant for. An empty filter
matches everything, except for stages: a program without stages targets the
stages in which a partner is expected to train (``DEFAULT_STAGES``).
Partners that are suspended or terminated are never enrolled automatically.
"""

from dataclasses import dataclass, field

DEFAULT_STAGES = frozenset({"onboarding", "active"})
BLOCKED_STAGES = frozenset({"suspended", "terminated"})


@dataclass(frozen=True)
class ProgramAudience:
    """The audience of one program (ids of tiers, codes of stages/types)."""

    program_id: int
    stages: frozenset = field(default_factory=frozenset)
    partner_types: frozenset = field(default_factory=frozenset)
    tier_ids: frozenset = field(default_factory=frozenset)
    required: bool = False
    active: bool = True


@dataclass(frozen=True)
class PartnerProfile:
    """What targeting needs to know about one channel partner."""

    partner_id: int
    is_partner: bool = True
    stage: str = ""
    partner_type: str = ""
    tier_id: int = 0


def _as_set(values):
    return frozenset(v for v in (values or ()) if v)


def make_audience(
    program_id,
    stages=(),
    partner_types=(),
    tier_ids=(),
    required=False,
    active=True,
):
    """Build a :class:`ProgramAudience`, dropping empty values."""
    return ProgramAudience(
        program_id=program_id,
        stages=_as_set(stages),
        partner_types=_as_set(partner_types),
        tier_ids=_as_set(tier_ids),
        required=bool(required),
        active=bool(active),
    )


def targets(audience, profile):
    """Return True when ``audience`` (a program) targets ``profile``."""
    if not audience.active or not profile.is_partner:
        return False
    if not profile.stage or profile.stage in BLOCKED_STAGES:
        return False
    stages = audience.stages or DEFAULT_STAGES
    if profile.stage not in stages:
        return False
    if audience.partner_types and profile.partner_type not in audience.partner_types:
        return False
    if audience.tier_ids and profile.tier_id not in audience.tier_ids:
        return False
    return True


def programs_for(audiences, profile):
    """Ids of the programs (in the given order) that target ``profile``."""
    return [a.program_id for a in audiences if targets(a, profile)]


def required_programs_for(audiences, profile):
    """Ids of the targeting programs that are marked as required."""
    return [a.program_id for a in audiences if a.required and targets(a, profile)]


def newly_targeted(audiences, before, after):
    """Programs that target ``after`` but did not target ``before``.

    Used when a partner changes stage or tier: only the programs the change
    opens are enrolled automatically (the others were handled earlier).
    ``before`` may be None (new partner).
    """
    previous = set(programs_for(audiences, before)) if before is not None else set()
    return [pid for pid in programs_for(audiences, after) if pid not in previous]


def enrollment_pairs(program_ids, contact_ids, existing):
    """(program_id, contact_id) pairs to create, skipping ``existing`` ones.

    ``existing`` is a set of (program_id, contact_id) pairs that already have
    an open enrollment. The order is program first, then contact, stable.
    """
    seen = set(existing)
    pairs = []
    for program_id in program_ids:
        for contact_id in contact_ids:
            key = (program_id, contact_id)
            if key in seen:
                continue
            seen.add(key)
            pairs.append(key)
    return pairs
