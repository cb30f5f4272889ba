# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tier qualification: which tier the metrics of a partner earn, and what to do.

A *tier* is a mapping with the keys::

    id, rank, name,
    min_revenue, min_won_deals, min_certified_contacts,   # numbers, 0 = no minimum
    required_certification_type_ids,                      # iterable of ids
    required_agreement_type_id                            # id or None/False

*Metrics* of a partner are a mapping with the keys::

    revenue, won_deals, certified_contacts,               # numbers
    certification_type_ids,                               # ids of valid certifications
    agreement_type_ids                                    # active agreement types

Missing keys count as zero/empty. Revenue and won deals may depend on the
tier's trailing window (``revenue_window_months`` on the tier): metrics may
then give ``revenue_by_window`` / ``won_deals_by_window`` mappings
``{months: value}``, which take precedence over the plain values.
"""

import datetime
from dataclasses import dataclass, field

REVENUE = "revenue"
WON_DEALS = "won_deals"
CERTIFIED_CONTACTS = "certified_contacts"
CERTIFICATION_TYPES = "certification_types"
AGREEMENT = "agreement"

CRITERIA = (REVENUE, WON_DEALS, CERTIFIED_CONTACTS, CERTIFICATION_TYPES, AGREEMENT)

LABELS = {
    REVENUE: "Attributed revenue",
    WON_DEALS: "Won deals",
    CERTIFIED_CONTACTS: "Certified contacts",
    CERTIFICATION_TYPES: "Required certifications",
    AGREEMENT: "Active agreement",
}

# Decisions
NONE = "none"
PROMOTE = "promote"
DEMOTE = "demote"
WARN = "warn"  # demotion announced, grace period starts
PENDING = "pending"  # demotion announced earlier, grace period still running
CANCEL = "cancel"  # announced demotion no longer needed: criteria met again
LOCKED = "locked"


def _ids(value):
    return set(value or ())


def _metric(metrics, key, tier):
    by_window = metrics.get(f"{key}_by_window")
    if by_window is not None:
        return by_window.get(tier.get("revenue_window_months") or 0) or 0
    return metrics.get(key) or 0


def criteria_results(metrics, tier):
    """Per-criterion comparison of ``metrics`` against ``tier``.

    Returns a list of dicts ``{criterion, label, required, actual, met,
    missing}`` for the criteria the tier actually sets. For the set-valued
    criteria, ``required``/``actual``/``missing`` are sorted id lists
    (``missing`` are the ids still lacking); for numbers ``missing`` is the
    amount still needed (0 when met).
    """
    results = []
    numeric = (
        (REVENUE, "min_revenue", "revenue"),
        (WON_DEALS, "min_won_deals", "won_deals"),
        (CERTIFIED_CONTACTS, "min_certified_contacts", "certified_contacts"),
    )
    for criterion, tier_key, metric_key in numeric:
        required = tier.get(tier_key) or 0
        if required <= 0:
            continue
        actual = _metric(metrics, metric_key, tier)
        results.append(
            {
                "criterion": criterion,
                "label": LABELS[criterion],
                "required": required,
                "actual": actual,
                "met": actual >= required,
                "missing": max(required - actual, 0),
            }
        )
    required_types = _ids(tier.get("required_certification_type_ids"))
    if required_types:
        actual_types = _ids(metrics.get("certification_type_ids"))
        missing = required_types - actual_types
        results.append(
            {
                "criterion": CERTIFICATION_TYPES,
                "label": LABELS[CERTIFICATION_TYPES],
                "required": sorted(required_types),
                "actual": sorted(required_types & actual_types),
                "met": not missing,
                "missing": sorted(missing),
            }
        )
    agreement_type = tier.get("required_agreement_type_id")
    if agreement_type:
        has_it = agreement_type in _ids(metrics.get("agreement_type_ids"))
        results.append(
            {
                "criterion": AGREEMENT,
                "label": LABELS[AGREEMENT],
                "required": [agreement_type],
                "actual": [agreement_type] if has_it else [],
                "met": has_it,
                "missing": [] if has_it else [agreement_type],
            }
        )
    return results


def qualifies(metrics, tier):
    """True when every criterion set on ``tier`` is met by ``metrics``."""
    return all(result["met"] for result in criteria_results(metrics, tier))


def sort_tiers(tiers):
    """Tiers from the lowest to the highest rank."""
    return sorted(tiers, key=lambda tier: (tier["rank"], tier["id"]))


def qualifying_tier(metrics, tiers):
    """The highest-ranked tier whose criteria are all met, or None."""
    best = None
    for tier in sort_tiers(tiers):
        if qualifies(metrics, tier):
            best = tier
    return best


def next_tier(current_rank, tiers):
    """The lowest tier ranked above ``current_rank`` (None: already at the top).

    ``current_rank`` None means the partner has no tier: the lowest tier is next.
    """
    for tier in sort_tiers(tiers):
        if current_rank is None or tier["rank"] > current_rank:
            return tier
    return None


def progress(metrics, tiers, current_rank):
    """Criteria results against the next tier, with an overall percentage.

    Returns ``{"tier": next tier or None, "criteria": [...], "percent": int}``.
    The percentage averages each criterion's fulfilment (capped at 100 %).
    """
    tier = next_tier(current_rank, tiers)
    if tier is None:
        return {"tier": None, "criteria": [], "percent": 100}
    criteria = criteria_results(metrics, tier)
    if not criteria:
        return {"tier": tier, "criteria": [], "percent": 100}
    shares = []
    for result in criteria:
        if isinstance(result["required"], list):
            shares.append(len(result["actual"]) / len(result["required"]))
        else:
            shares.append(min(result["actual"] / result["required"], 1.0))
    percent = int(round(100 * sum(shares) / len(shares)))
    return {"tier": tier, "criteria": criteria, "percent": percent}


@dataclass
class Decision:
    """What evaluation decides for one partner."""

    action: str
    current: dict | None
    target: dict | None
    reason: str
    demotion_date: datetime.date | None = None
    criteria: list = field(default_factory=list)

    @property
    def changes_tier(self):
        return self.action in (PROMOTE, DEMOTE)


def _rank(tier):
    return tier["rank"] if tier else None


def _unmet(results):
    return ", ".join(result["label"] for result in results if not result["met"])


def decide(
    metrics,
    tiers,
    current,
    today,
    grace_days=0,
    demotion_date=None,
    lock_tier=None,
    lock_until=None,
):
    """Decide the evaluation outcome for one partner.

    - ``current``: the partner's tier (mapping) or None.
    - ``demotion_date``: date an earlier warning set for the demotion, if any.
    - ``lock_tier``/``lock_until``: a manager's lock; while ``lock_until`` is
      empty or not past, the partner stays on ``lock_tier`` (moved to it if
      needed, as a promotion or demotion without grace).

    Promotions apply at once. A demotion is first announced (WARN) with a
    date ``grace_days`` ahead and applied (DEMOTE) only when evaluation runs
    on or after that date and the criteria are still unmet. A grace of 0
    demotes at once.
    """
    if lock_tier is not None and (lock_until is None or lock_until >= today):
        if current is None or lock_tier["id"] != current["id"]:
            action = (
                PROMOTE
                if current is None or lock_tier["rank"] > current["rank"]
                else DEMOTE
            )
            return Decision(action, current, lock_tier, "Tier locked by a manager")
        return Decision(LOCKED, current, current, "Tier locked by a manager")

    target = qualifying_tier(metrics, tiers)
    current_results = criteria_results(metrics, current) if current else []

    if target is not None and (current is None or target["rank"] > current["rank"]):
        return Decision(
            PROMOTE,
            current,
            target,
            "Meets all criteria of the tier",
            criteria=criteria_results(metrics, target),
        )
    if current is None or (target is not None and target["rank"] == current["rank"]):
        if demotion_date:
            return Decision(
                CANCEL, current, current, "Criteria met again", criteria=current_results
            )
        return Decision(NONE, current, current, "No change", criteria=current_results)

    # target ranks below current (or qualifies for no tier at all)
    reason = "Criteria no longer met: %s" % (_unmet(current_results) or "tier removed")
    if demotion_date and today >= demotion_date or grace_days <= 0:
        return Decision(DEMOTE, current, target, reason, criteria=current_results)
    if demotion_date:
        return Decision(
            PENDING, current, target, reason, demotion_date, criteria=current_results
        )
    due = today + datetime.timedelta(days=grace_days)
    return Decision(WARN, current, target, reason, due, criteria=current_results)
