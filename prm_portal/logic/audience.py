# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who an audience reaches: library documents, announcements and newsletter
segments share these rules.

An audience is all partners, the partners of some tiers, of one partner type,
of some territories (sub-territories included) or chosen partners; or the
partners matching every rule given ("rules": tiers, type, territories and
lifecycle stage, an empty rule matching anyone). Partner events and the
partner community use the same rules for the records they keep for partners.
The database filters with the same rules as a domain (``prm.audience.mixin``);
this module decides in memory when many contacts are matched at once (the
news digest).
"""

from dataclasses import dataclass, field

ALL = "all"
TIERS = "tiers"
TYPES = "types"
TERRITORIES = "territories"
PARTNERS = "partners"
RULES = "rules"


@dataclass(frozen=True)
class Audience:
    kind: str = ALL
    tier_ids: frozenset = field(default_factory=frozenset)
    partner_type: str | None = None
    territory_ids: frozenset = field(default_factory=frozenset)
    partner_ids: frozenset = field(default_factory=frozenset)
    stage: str | None = None


@dataclass(frozen=True)
class Profile:
    """What the audience rules read of a commercial partner; ``territory_ids``
    holds its territories and every territory above them."""

    partner_id: int
    tier_id: int | None = None
    partner_type: str | None = None
    territory_ids: frozenset = field(default_factory=frozenset)
    stage: str | None = None


def in_stages(is_partner, stage, stages):
    """Whether a company with this PRM flag and lifecycle stage may be in an
    audience for partners of ``stages`` (the portal's: onboarding and active;
    the community's: active only)."""
    return bool(is_partner) and stage in stages


def reaches(audience, profile):
    """Whether ``audience`` includes the partner of ``profile``."""
    kind = audience.kind
    if kind == ALL:
        return True
    if kind == TIERS:
        return profile.tier_id in audience.tier_ids
    if kind == TYPES:
        return bool(audience.partner_type) and (
            audience.partner_type == profile.partner_type
        )
    if kind == TERRITORIES:
        return bool(audience.territory_ids & profile.territory_ids)
    if kind == PARTNERS:
        return profile.partner_id in audience.partner_ids
    if kind == RULES:
        return (
            (not audience.tier_ids or profile.tier_id in audience.tier_ids)
            and (
                not audience.partner_type
                or audience.partner_type == profile.partner_type
            )
            and (
                not audience.territory_ids
                or bool(audience.territory_ids & profile.territory_ids)
            )
            and (not audience.stage or audience.stage == profile.stage)
        )
    return False


def from_tiers_and_types(tier_ids, partner_types):
    """The audience (kind, tiers, partner type) of an event or a forum of the
    first versions, kept for the partners of ``tier_ids`` and of
    ``partner_types`` (each empty: any). An audience names one partner type:
    several give kind ``PARTNERS``, the caller choosing the partners who
    match today, so that nobody gains access."""
    tiers = frozenset(tier_ids)
    types = sorted(set(partner_types))
    if len(types) > 1:
        return PARTNERS, tiers, None
    if types:
        return (RULES if tiers else TYPES), tiers, types[0]
    return (TIERS if tiers else ALL), tiers, None
