# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tier qualification: which tier the metrics of a partner earn, and what to do.

A *tier* is a mapping with the keys::

    id, rank, name,
    min_revenue, min_won_deals, min_certified_contacts,   # numbers, 0 = no minimum
    min_csat,                                             # percent, 0 = none
    min_events_attended,                                  # events, 0 = none
    required_certification_type_ids,                      # iterable of ids
    required_agreement_type_id                            # id or None/False

*Metrics* of a partner are a mapping with the keys::

    revenue, won_deals, certified_contacts, csat,         # numbers
    events_attended,                                      # number (windowed)
    certification_type_ids,                               # ids of valid certifications
    agreement_type_ids                                    # active agreement types

Missing keys count as zero/empty. Revenue and won deals may depend on the
tier's trailing window (``revenue_window_months`` on the tier): metrics may
then give ``revenue_by_window`` / ``won_deals_by_window`` mappings
``{months: value}``, which take precedence over the plain values.

:data:`CRITERIA_SPECS` is the one list of the criteria: which tier field sets
each, which metric it compares and how; the models iterate it.
"""

import datetime
import operator
from dataclasses import dataclass


# Framework-free: the labels are only marked here, so that they are exported
# for translation, and the models translate them with self.env._.
# pylint: disable=prefer-env-translation
def _lt(text):
    """Mark ``text`` for translation: the models translate it for display."""
    return text


REVENUE = "revenue"
WON_DEALS = "won_deals"
CERTIFIED_CONTACTS = "certified_contacts"
CERTIFICATION_TYPES = "certification_types"
AGREEMENT = "agreement"
CSAT = "csat"
EVENTS = "events_attended"

# How a criterion compares: a minimum amount, a set of ids all required, one id.
AMOUNT = "amount"
ALL_IDS = "all_ids"
ONE_ID = "one_id"


@dataclass(frozen=True)
class Criterion:
    """One tier criterion: where the tier sets it, where the metrics hold it."""

    code: str
    tier_field: str  # field of prm.tier (and key of a tier mapping)
    metric: str  # key of the metrics mapping
    kind: str  # AMOUNT, ALL_IDS or ONE_ID
    label: str  # English; the models translate it
    windowed: bool = False  # counted over the tier's trailing window
    comodel: str | None = None  # model of the ids of ALL_IDS / ONE_ID


#: The one list of tier criteria; models and rules iterate it.
CRITERIA_SPECS = (
    Criterion(
        REVENUE, "min_revenue", "revenue", AMOUNT, _lt("Attributed revenue"), True
    ),
    Criterion(WON_DEALS, "min_won_deals", "won_deals", AMOUNT, _lt("Won deals"), True),
    Criterion(
        CERTIFIED_CONTACTS,
        "min_certified_contacts",
        "certified_contacts",
        AMOUNT,
        _lt("Certified contacts"),
    ),
    Criterion(CSAT, "min_csat", "csat", AMOUNT, _lt("Customer satisfaction (%)")),
    # measured by prm_portal (partner events): zero without it
    Criterion(
        EVENTS,
        "min_events_attended",
        "events_attended",
        AMOUNT,
        _lt("Attended events"),
        True,
    ),
    Criterion(
        CERTIFICATION_TYPES,
        "required_certification_type_ids",
        "certification_type_ids",
        ALL_IDS,
        _lt("Required certifications"),
        comodel="prm.certification.type",
    ),
    Criterion(
        AGREEMENT,
        "required_agreement_type_id",
        "agreement_type_ids",
        ONE_ID,
        _lt("Active agreement"),
        comodel="prm.agreement.type",
    ),
)
SPECS = {spec.code: spec for spec in CRITERIA_SPECS}
CRITERIA = tuple(SPECS)
LABELS = {spec.code: spec.label for spec in CRITERIA_SPECS}
#: Fields of prm.tier the rules read besides the criteria.
TIER_FIELDS = ("rank", "name", "revenue_window_months")
WINDOW_FIELD = "revenue_window_months"

# Decisions
NONE = "none"
PROMOTE = "promote"
DEMOTE = "demote"
WARN = "warn"  # demotion announced, grace period starts
PENDING = "pending"  # demotion announced earlier, grace period still running
CANCEL = "cancel"  # announced demotion no longer needed: criteria met again
LOCKED = "locked"

# Why: the code of a decision's reason (models turn it into a sentence)
BY_LOCK = "by_lock"  # a manager's lock decides
QUALIFIED = "qualified"  # all criteria of a higher tier met
MET_AGAIN = "met_again"  # the tier's criteria are met again
UNCHANGED = "unchanged"
UNMET = "unmet"  # criteria of the current tier no longer met


def _ids(value):
    return set(value or ())


# "revenue" -> "revenue_by_window": built once, not for every comparison.
_BY_WINDOW = {spec.metric: f"{spec.metric}_by_window" for spec in CRITERIA_SPECS}


def _metric(metrics, key, tier):
    by_window = metrics.get(_BY_WINDOW.get(key) or f"{key}_by_window")
    if by_window is not None:
        return by_window.get(tier.get(WINDOW_FIELD) or 0) or 0
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
    for spec in CRITERIA_SPECS:
        required = tier.get(spec.tier_field)
        if spec.kind == AMOUNT:
            required = required or 0
            if required <= 0:
                continue
            actual = _metric(metrics, spec.metric, tier)
            results.append(
                {
                    "criterion": spec.code,
                    "label": spec.label,
                    "required": required,
                    "actual": actual,
                    "met": actual >= required,
                    "missing": max(required - actual, 0),
                }
            )
            continue
        required = _ids([required] if spec.kind == ONE_ID and required else required)
        if not required:
            continue
        actual = required & _ids(metrics.get(spec.metric))
        missing = required - actual
        results.append(
            {
                "criterion": spec.code,
                "label": spec.label,
                "required": sorted(required),
                "actual": sorted(actual),
                "met": not missing,
                "missing": sorted(missing),
            }
        )
    return results


#: (tier field, kind, metric key, windowed metric key) of each criterion:
#: what :func:`qualifies` reads, built once.
_CHECKS = tuple(
    (spec.tier_field, spec.kind, spec.metric, _BY_WINDOW[spec.metric])
    for spec in CRITERIA_SPECS
)
_TIER_ORDER = operator.itemgetter("rank", "id")


def _checks(tier):
    """The criteria ``tier`` sets, as ``(kind, metric key, windowed metric
    key, required, window)``: what :func:`qualifies` compares, read from the
    tier once. The required records first: few partners hold them, so most
    partners fail a tier that requires some at its first check."""
    checks = []
    for tier_field, kind, metric, by_window_key in _CHECKS:
        required = tier.get(tier_field)
        if not required or (kind == AMOUNT and required <= 0):
            continue
        window = tier.get(WINDOW_FIELD) or 0
        checks.append((kind, metric, by_window_key, required, window))
    return tuple(sorted(checks, key=lambda check: check[0] == AMOUNT))


def _passes(metrics, checks):
    """True when ``metrics`` meet every one of ``checks`` (see :func:`_checks`);
    nothing is allocated here."""
    for kind, metric, by_window_key, required, window in checks:
        if kind == AMOUNT:
            by_window = metrics.get(by_window_key)
            if by_window is None:
                actual = metrics.get(metric) or 0
            else:
                actual = by_window.get(window) or 0
            if actual < required:
                return False
            continue
        have = metrics.get(metric) or ()
        if kind == ONE_ID:
            if required not in have:
                return False
            continue
        for required_id in required:
            if required_id not in have:
                return False
    return True


def qualifies(metrics, tier):
    """True when every criterion set on ``tier`` is met by ``metrics``:
    :func:`criteria_results` without building them."""
    return _passes(metrics, _checks(tier))


class Ladder:
    """Tiers sorted once, each with its criteria read once: evaluation asks
    every partner against the same tiers, so :func:`decide` and
    :func:`qualifying_tier` take a ladder as well as a list of tiers."""

    __slots__ = ("tiers", "_highest_first")

    def __init__(self, tiers):
        self.tiers = sort_tiers(tiers)
        self._highest_first = tuple(
            (tier, _checks(tier)) for tier in reversed(self.tiers)
        )

    def __iter__(self):
        return iter(self.tiers)

    def __len__(self):
        return len(self.tiers)

    def qualifying(self, metrics):
        """The highest-ranked tier whose criteria ``metrics`` meet, or None."""
        for tier, checks in self._highest_first:
            if _passes(metrics, checks):
                return tier
        return None


def ladder(tiers):
    """``tiers`` as a :class:`Ladder` (itself when it is one)."""
    return tiers if isinstance(tiers, Ladder) else Ladder(tiers)


def sort_tiers(tiers):
    """Tiers from the lowest to the highest rank."""
    return sorted(tiers, key=_TIER_ORDER)


def qualifying_tier(metrics, tiers):
    """The highest-ranked tier whose criteria are all met, or None
    (``tiers``: a list of tiers or a :class:`Ladder`)."""
    return ladder(tiers).qualifying(metrics)


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


class Decision:
    """What evaluation decides for one partner.

    ``criteria`` (the :func:`criteria_results` of the tier that decided) is
    built when first read: evaluation decides for every partner, and most
    decisions (no change) are never explained. A plain class with slots, as
    few objects per partner as possible.
    """

    __slots__ = (
        "action",
        "current",
        "target",
        "reason",
        "demotion_date",
        "code",
        "_criteria",
        "_metrics",
        "_tier",
    )

    def __init__(
        self,
        action,
        current,
        target,
        reason,
        demotion_date=None,
        criteria=None,
        code=UNCHANGED,
        metrics=None,
        tier=None,
    ):
        self.action = action
        self.current = current
        self.target = target
        self.reason = reason  # English, for logs; the models display ``code``
        self.demotion_date = demotion_date
        self.code = code  # BY_LOCK, QUALIFIED, MET_AGAIN, UNCHANGED or UNMET
        self._criteria = criteria
        self._metrics = metrics
        self._tier = tier

    @property
    def criteria(self):
        if self._criteria is None:
            self._criteria = (
                criteria_results(self._metrics, self._tier) if self._tier else []
            )
        return self._criteria

    @property
    def changes_tier(self):
        return self.action in (PROMOTE, DEMOTE)

    def __repr__(self):
        return (
            f"Decision({self.action!r}, code={self.code!r}, "
            f"demotion_date={self.demotion_date!r})"
        )


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

    - ``tiers``: the tiers (mappings) or their :class:`Ladder`, which a
      caller deciding for many partners builds once.
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
            return Decision(
                action, current, lock_tier, "Tier locked by a manager", code=BY_LOCK
            )
        return Decision(
            LOCKED, current, current, "Tier locked by a manager", code=BY_LOCK
        )

    target = ladder(tiers).qualifying(metrics)

    if target is not None and (current is None or target["rank"] > current["rank"]):
        return Decision(
            PROMOTE,
            current,
            target,
            "Meets all criteria of the tier",
            code=QUALIFIED,
            metrics=metrics,
            tier=target,
        )
    if current is None or (target is not None and target["rank"] == current["rank"]):
        if demotion_date:
            return Decision(
                CANCEL,
                current,
                current,
                "Criteria met again",
                code=MET_AGAIN,
                metrics=metrics,
                tier=current,
            )
        return Decision(
            NONE, current, current, "No change", metrics=metrics, tier=current
        )

    # target ranks below current (or qualifies for no tier at all)
    current_results = criteria_results(metrics, current)
    reason = "Criteria no longer met: %s" % (_unmet(current_results) or "tier removed")
    unmet = {"criteria": current_results, "code": UNMET}
    if demotion_date and today >= demotion_date or grace_days <= 0:
        return Decision(DEMOTE, current, target, reason, **unmet)
    if demotion_date:
        return Decision(PENDING, current, target, reason, demotion_date, **unmet)
    due = today + datetime.timedelta(days=grace_days)
    return Decision(WARN, current, target, reason, due, **unmet)


#: (key, zero) of the windowed metrics and the plain ones of nothing counted.
_WINDOWED_ZEROS = tuple(
    (f"{spec.metric}_by_window", 0.0 if spec.code == REVENUE else 0)
    for spec in CRITERIA_SPECS
    if spec.windowed
)
# an empty tuple, not a set: no object per partner without ids (the models
# set the ids of those that have some)
_PLAIN_ZEROS = {
    spec.metric: 0 if spec.kind == AMOUNT else ()
    for spec in CRITERIA_SPECS
    if not spec.windowed
}


def empty_metrics(windows=()):
    """Metrics of a partner with nothing to count, to be filled by the
    models: the windowed ones at zero over each of ``windows`` (months)."""
    metrics = dict(_PLAIN_ZEROS)
    for key, zero in _WINDOWED_ZEROS:
        metrics[key] = dict.fromkeys(windows, zero)
    return metrics


class MetricsTable(dict):
    """{partner id: metrics} of many partners, where the partners with
    nothing counted share one empty mapping (``empty``, read-only): at
    10,000 partners, most of them with no sale in the window, a mapping each
    is what makes Python's garbage collector scan the whole heap. The
    models fill a partner's own metrics with :meth:`own`."""

    __slots__ = ("windows", "empty")

    def __init__(self, windows=()):
        super().__init__()
        self.windows = tuple(windows)
        self.empty = empty_metrics(self.windows)

    def __missing__(self, partner_id):
        return self.empty

    def own(self, partner_id):
        """The metrics of ``partner_id`` to fill (created when missing)."""
        values = self.get(partner_id)
        if values is None:
            values = self[partner_id] = empty_metrics(self.windows)
        return values


def snapshot(metrics, tier):
    """The metrics that decided, as plain values for the tier history: the
    windowed ones over ``tier``'s window (``window_months``), ids sorted."""
    window = (tier or {}).get(WINDOW_FIELD) or 0
    values = {"window_months": window}
    for spec in CRITERIA_SPECS:
        if spec.windowed:
            by_window = metrics.get(f"{spec.metric}_by_window", {})
            if by_window is None:  # not measured: no tier of the ladder sets it
                continue
            values[spec.metric] = by_window.get(
                window, 0.0 if spec.code == REVENUE else 0
            )
        elif spec.kind == AMOUNT:
            values[spec.metric] = metrics.get(spec.metric, 0)
        else:
            values[spec.metric] = sorted(metrics.get(spec.metric, ()))
    return values
