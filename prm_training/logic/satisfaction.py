# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Satisfaction scores from survey answers on a 0..max scale."""

PROMOTER_MIN = 9
DETRACTOR_MAX = 6


def nps(counts):
    """Net promoter score of ``counts`` ({answer 0..10: how many}): percent of
    promoters (9-10) minus percent of detractors (0-6), rounded to 0.1;
    None without answers."""
    total = sum(counts.values())
    if not total:
        return None
    promoters = sum(n for value, n in counts.items() if value >= PROMOTER_MIN)
    detractors = sum(n for value, n in counts.items() if value <= DETRACTOR_MAX)
    return round(100.0 * (promoters - detractors) / total, 1)


def csat(counts, scale_min=1, scale_max=5):
    """Average answer of ``counts`` ({answer: how many}) as a percent of the
    scale (the lowest answer 0 %, the highest 100 %); None without answers."""
    total = sum(counts.values())
    if not total or scale_max <= scale_min:
        return None
    mean = sum(value * n for value, n in counts.items()) / total
    share = (mean - scale_min) / (scale_max - scale_min)
    return round(100.0 * min(max(share, 0.0), 1.0), 1)
