# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rate arithmetic and rule validation."""

from .brackets import validate as validate_brackets
from .matching import COMPUTE_MODES


def line_base(compute, line):
    """Base of the computation for one line.

    * percent_amount: untaxed line amount;
    * percent_margin: untaxed amount minus cost (never below zero for a sale,
      never above zero for a refund line);
    * fixed_unit: the quantity;
    * fixed_order: the untaxed line amount (used to share the fixed amount).
    """
    if compute == "percent_margin":
        margin = line.amount - line.cost
        if line.amount >= 0:
            return max(margin, 0.0)
        return min(margin, 0.0)
    if compute == "fixed_unit":
        return line.quantity
    if compute in ("percent_amount", "fixed_order"):
        return line.amount
    raise ValueError(f"unknown compute mode {compute!r}")


def simple_amount(rule, base):
    """Amount of a non-bracket, non-order rule for ``base``."""
    if rule.compute in ("percent_amount", "percent_margin"):
        return base * rule.rate / 100.0
    if rule.compute == "fixed_unit":
        return base * rule.fixed_amount
    raise ValueError(f"{rule.compute!r} is not a per-line mode")


def share_fixed(total, weights, rounding_fn):
    """Share ``total`` across ``weights`` proportionally.

    The rounding remainder goes to the last share so the sum is exact. When
    every weight is zero the total is split evenly.
    """
    if not weights:
        return []
    weight_sum = sum(weights)
    if weight_sum:
        raw = [total * w / weight_sum for w in weights]
    else:
        raw = [total / len(weights)] * len(weights)
    shares = [rounding_fn(value) for value in raw[:-1]]
    shares.append(rounding_fn(total - sum(shares)))
    return shares


def apply_cap(amount, cap):
    """Limit ``amount`` to ``cap`` (0 = no cap). Works for negative amounts too."""
    if not cap or cap <= 0:
        return amount, False
    if amount > cap:
        return cap, True
    if amount < -cap:
        return -cap, True
    return amount, False


def apply_period_cap(amount, cap, already):
    """Limit ``amount`` so that ``already + amount`` stays within ``cap``."""
    if not cap or cap <= 0 or amount <= 0:
        return amount, False
    room = max(cap - already, 0.0)
    if amount > room:
        return room, True
    return amount, False


def validate_rule(rule, max_rate=None):
    """Return a list of problem codes for a rule; empty when valid.

    Codes: ``unknown_compute``, ``negative_rate``, ``negative_fixed``,
    ``negative_cap``, ``above_max``, ``amount_range``, ``date_range`` and
    the bracket codes prefixed by ``bracket_``.
    """
    problems = []
    if rule.compute not in COMPUTE_MODES:
        problems.append("unknown_compute")
    if rule.rate < 0:
        problems.append("negative_rate")
    if rule.fixed_amount < 0:
        problems.append("negative_fixed")
    if (rule.cap_line or 0) < 0 or (rule.cap_period or 0) < 0:
        problems.append("negative_cap")
    if max_rate and rule.compute in ("percent_amount", "percent_margin"):
        if rule.rate > max_rate:
            problems.append("above_max")
    if (
        rule.amount_min is not None
        and rule.amount_max is not None
        and rule.amount_max
        and rule.amount_min > rule.amount_max
    ):
        problems.append("amount_range")
    if rule.date_from and rule.date_to and rule.date_from > rule.date_to:
        problems.append("date_range")
    if rule.brackets:
        limit = max_rate or None
        for code, _item in validate_brackets(rule.brackets, max_rate=limit):
            problems.append(f"bracket_{code}")
    return problems
