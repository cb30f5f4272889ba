# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Territory matching and lead routing ranking.

A *territory* is a mapping::

    id, name, country_ids, state_ids, zip_from, zip_to, industry_ids,
    parent_id (id or None)

Criteria left empty on a territory are inherited from its parent, so a
"Hà Nội - Ba Đình" child territory with only a zip range still belongs to
Việt Nam. A *lead* is a mapping ``country_id, state_id, zip, industry_id``.

A *partner* (routing candidate) is a mapping::

    id, name, territory_ids, partner_type, tier_rank (None: no tier),
    open_leads, capacity (0/None: unlimited), weight (>0, default 1),
    last_assigned (sortable value or None)
"""

from dataclasses import dataclass, field

from . import zip_ranges

# Match levels, most specific first.
ZIP = 3
STATE = 2
COUNTRY = 1
ANYWHERE = 0  # territory without geographic criteria
NO_MATCH = -1

LEVEL_NAMES = {ZIP: "zip", STATE: "state", COUNTRY: "country", ANYWHERE: "anywhere"}

# Reason codes: (code, params) pairs, formatted by format_reason().
TEMPLATES = {
    "zip": "zip %(zip)s in territory %(territory)s (%(zip_from)s-%(zip_to)s)",
    "state": "state matches territory %(territory)s",
    "country": "country matches territory %(territory)s",
    "anywhere": "territory %(territory)s covers every location",
    "no_territory": "no territory matches the lead",
    "type": "partner type %(type)s wanted",
    "tier": "tier rank %(rank)s",
    "no_tier": "no tier",
    "load": "%(open)s of %(capacity)s open leads",
    "load_unlimited": "%(open)s open leads, no limit",
    "declined": "declined this lead before",
    "full": "at capacity (%(open)s of %(capacity)s open leads)",
}


def _set(value):
    return set(value or ())


def effective_territory(territory, territories_by_id):
    """Territory with empty criteria filled from its ancestors."""
    result = dict(territory)
    seen = {territory["id"]}
    parent_id = territory.get("parent_id")
    while parent_id and parent_id in territories_by_id and parent_id not in seen:
        seen.add(parent_id)
        parent = territories_by_id[parent_id]
        for key in ("country_ids", "state_ids", "industry_ids"):
            if not result.get(key):
                result[key] = parent.get(key)
        if not result.get("zip_from") and not result.get("zip_to"):
            result["zip_from"] = parent.get("zip_from")
            result["zip_to"] = parent.get("zip_to")
        parent_id = parent.get("parent_id")
    return result


def match_level(territory, lead):
    """How specifically ``territory`` covers ``lead`` (ZIP..ANYWHERE or NO_MATCH).

    Every criterion set on the territory must hold; the level is the most
    specific criterion that matched. An industry set on the territory must
    contain the lead's industry.
    """
    industries = _set(territory.get("industry_ids"))
    if industries and lead.get("industry_id") not in industries:
        return NO_MATCH
    countries = _set(territory.get("country_ids"))
    states = _set(territory.get("state_ids"))
    has_zip = bool(territory.get("zip_from") or territory.get("zip_to"))
    level = ANYWHERE
    if countries:
        if lead.get("country_id") not in countries:
            return NO_MATCH
        level = COUNTRY
    if states:
        if lead.get("state_id") not in states:
            return NO_MATCH
        level = STATE
    if has_zip:
        if not zip_ranges.in_range(
            lead.get("zip"), territory.get("zip_from"), territory.get("zip_to")
        ):
            return NO_MATCH
        level = ZIP
    return level


def best_territory_match(territory_ids, territories_by_id, lead):
    """(level, territory) of the most specific match among ``territory_ids``."""
    best = (NO_MATCH, None)
    for territory_id in sorted(_set(territory_ids)):
        territory = territories_by_id.get(territory_id)
        if territory is None:
            continue
        level = match_level(effective_territory(territory, territories_by_id), lead)
        if level > best[0]:
            best = (level, territory)
    return best


@dataclass
class Candidate:
    """A ranked routing candidate."""

    partner_id: int
    score: float
    level: int
    reasons: list = field(default_factory=list)
    eligible: bool = True
    territory_id: int | None = None
    sort_key: tuple = ()


def _load_ratio(partner):
    weight = partner.get("weight") or 1
    return (partner.get("open_leads") or 0) / weight


def _is_full(partner):
    capacity = partner.get("capacity") or 0
    return capacity > 0 and (partner.get("open_leads") or 0) >= capacity


def rank_candidates(
    lead,
    partners,
    territories,
    partner_types=None,
    declined_ids=(),
    require_territory=True,
    include_excluded=False,
):
    """Rank ``partners`` for ``lead``.

    Order: territory specificity (zip > state > country > anywhere), then
    wanted partner type, then tier rank (higher first); among equals,
    weighted round robin: the lowest open leads per unit of weight first,
    then the least recently assigned, then the lowest id.

    Partners that declined the lead or are at capacity are excluded (kept
    with ``eligible=False`` only when ``include_excluded``). Without a
    territory match a partner is excluded when ``require_territory``.
    """
    territories_by_id = {t["id"]: t for t in territories}
    wanted_types = _set(partner_types)
    declined = _set(declined_ids)
    result = []
    for partner in partners:
        level, territory = best_territory_match(
            partner.get("territory_ids"), territories_by_id, lead
        )
        reasons = []
        if territory is not None:
            params = {"territory": territory.get("name") or territory["id"]}
            if level == ZIP:
                params.update(
                    zip=zip_ranges.normalize(lead.get("zip")),
                    zip_from=territory.get("zip_from")
                    or effective_territory(territory, territories_by_id)["zip_from"],
                    zip_to=territory.get("zip_to")
                    or effective_territory(territory, territories_by_id)["zip_to"],
                )
            reasons.append((LEVEL_NAMES[level], params))
        else:
            reasons.append(("no_territory", {}))
        type_match = bool(wanted_types) and partner.get("partner_type") in wanted_types
        if type_match:
            reasons.append(("type", {"type": partner.get("partner_type")}))
        rank = partner.get("tier_rank")
        reasons.append(
            ("tier", {"rank": rank}) if rank is not None else ("no_tier", {})
        )
        capacity = partner.get("capacity") or 0
        open_leads = partner.get("open_leads") or 0
        if capacity:
            reasons.append(("load", {"open": open_leads, "capacity": capacity}))
        else:
            reasons.append(("load_unlimited", {"open": open_leads}))

        eligible = True
        if partner["id"] in declined:
            eligible = False
            reasons.insert(0, ("declined", {}))
        elif _is_full(partner):
            eligible = False
            reasons.insert(0, ("full", {"open": open_leads, "capacity": capacity}))
        elif require_territory and territory is None:
            eligible = False
        if not eligible and not include_excluded:
            continue

        ratio = _load_ratio(partner)
        last = partner.get("last_assigned")
        sort_key = (
            -level,
            -int(type_match),
            -(rank if rank is not None else -1),
            ratio,
            last is not None,
            last if last is not None else 0,
            partner["id"],
        )
        score = (
            max(level, 0) * 1000 + int(type_match) * 100 + min(max(rank or 0, 0), 99)
        )
        score = round(score - min(ratio, 1.0) * 0.99, 2)
        result.append(
            Candidate(
                partner_id=partner["id"],
                score=score,
                level=level,
                reasons=reasons,
                eligible=eligible,
                territory_id=territory["id"] if territory else None,
                sort_key=sort_key,
            )
        )
    result.sort(key=lambda c: (not c.eligible,) + c.sort_key)
    return result


def format_reason(reasons, templates=None):
    """Human-readable text of a candidate's reason codes.

    ``templates`` maps codes to (translated) format strings; defaults to
    the English TEMPLATES.
    """
    templates = templates or TEMPLATES
    parts = []
    for code, params in reasons:
        text = templates.get(code) or TEMPLATES.get(code) or code
        parts.append(text % params if params else text)
    return "; ".join(parts)
