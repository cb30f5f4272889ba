# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Joint business plans and reviews: KPI status over the period, the plan's
overall status, the next period and the review cadence.

The KPI status is the target rule (``targets.status``): a KPI is on track
while its achievement keeps up with the share of the period elapsed.
"""

import datetime
from collections import Counter

from dateutil.relativedelta import relativedelta

from . import dates as date_rules
from . import targets as target_rules

#: Worst first: a plan is as far as its worst KPI.
STATUS_ORDER = (target_rules.BEHIND, target_rules.ON_TRACK, target_rules.ACHIEVED)
#: The place of each status in :data:`STATUS_ORDER`: the worse, the lower.
STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_ORDER)}

#: Months between two business reviews for each cadence of a tier.
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def kpi_status(actual, goal, today, date_from, date_to):
    """(achievement in percent, status) of a KPI line on ``today``.

    Before the period starts nothing is expected yet (on track unless
    achieved); after it ends the whole goal is.
    """
    percent = target_rules.achievement(actual, goal)
    if not goal or goal <= 0:
        return percent, target_rules.ON_TRACK
    return percent, target_rules.status(
        percent, target_rules.elapsed_share(today, date_from, date_to)
    )


def plan_status(statuses):
    """The status of a plan: the worst of its KPIs' (False without KPI)."""
    ranks = [STATUS_RANK[status] for status in statuses if status in STATUS_RANK]
    return STATUS_ORDER[min(ranks)] if ranks else False


def plan_achievement(percents):
    """The achievement of a plan: the average of its KPIs', each capped at
    100 % (0.0 without KPI)."""
    percents = list(percents)
    return sum(min(p, 100.0) for p in percents) / len(percents) if percents else 0.0


def plan_figures(plan_ids, percents, statuses):
    """``{plan id: (status, achievement)}`` of the plans of KPI lines given
    as three parallel sequences (plan, achievement, status of each KPI), as
    :func:`plan_status` and :func:`plan_achievement` give them.

    Summed in flat mappings of plain values, not a list per plan: at 40,000
    KPIs the lists would set off a full collection of Python's garbage
    collector, which costs more than the figures."""
    unranked = len(STATUS_RANK)
    # the counts in C, then one pass with no test of a first line: at
    # 40,000 KPIs the branches cost as much as the sums
    counts = Counter(plan_ids)
    totals = dict.fromkeys(counts, 0.0)
    worst = dict.fromkeys(counts, unranked)
    rank_of = STATUS_RANK.get
    for plan_id, percent, status in zip(plan_ids, percents, statuses, strict=True):
        totals[plan_id] += percent if percent < 100.0 else 100.0
        rank = rank_of(status, unranked)
        if rank < worst[plan_id]:
            worst[plan_id] = rank
    return {
        plan_id: (
            STATUS_ORDER[worst[plan_id]] if worst[plan_id] < unranked else False,
            totals[plan_id] / count,
        )
        for plan_id, count in counts.items()
    }


def next_period(date_from, period_type):
    """(first, last day) of the period following the one starting ``date_from``."""
    months = date_rules.PERIOD_MONTHS[period_type]
    start = date_rules.period_bounds(date_from, period_type)[0]
    return date_rules.period_bounds(start + relativedelta(months=months), period_type)


def period_label(date_from, period_type):
    """``Q3 2026`` or ``2026`` (the period's name in every language)."""
    if period_type == "quarter":
        return f"Q{(date_from.month - 1) // 3 + 1} {date_from.year}"
    if period_type == "month":
        return f"{date_from.month:02d}/{date_from.year}"
    return str(date_from.year)


def review_due(last_review, cadence, today):
    """Date the next business review is due, or None without a cadence.

    A partner never reviewed is due today; otherwise one cadence after the
    last review (never before today when overdue: the date an activity
    would carry).
    """
    months = CADENCE_MONTHS.get(cadence or "")
    if not months:
        return None
    if not last_review:
        return today
    return max(last_review + relativedelta(months=months), today)


def needs_review(last_review, cadence, today, horizon_days=0):
    """Whether a review must be scheduled now: a cadence is set and the
    next review falls within ``horizon_days`` of ``today``."""
    months = CADENCE_MONTHS.get(cadence or "")
    if not months:
        return False
    if not last_review:
        return True
    due = last_review + relativedelta(months=months)
    return due <= today + datetime.timedelta(days=horizon_days)
