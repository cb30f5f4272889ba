# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tiered brackets by cumulative amount in a plan period.

A bracket says "``rate`` percent on the part of the cumulative amount between
``amount_from`` and ``amount_to``". ``amount_to`` of ``None`` means "and above".
A sale that starts below a boundary and ends above it is split: each part is
paid at the rate of the bracket it falls into.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bracket:
    amount_from: float
    amount_to: float | None
    rate: float
    id: int | None = None


@dataclass(frozen=True)
class Piece:
    """Part of one line's base that falls into one bracket."""

    bracket: Bracket
    base: float
    amount: float


def _upper(bracket):
    return float("inf") if bracket.amount_to is None else bracket.amount_to


def validate(brackets, max_rate=None):
    """Return a list of ``(code, bracket_or_pair)`` problems; empty when valid.

    Codes: ``negative_rate``, ``negative_from``, ``empty_range``, ``above_max``,
    ``overlap`` (pair of brackets), ``gap`` (pair of brackets).
    """
    problems = []
    for bracket in brackets:
        if bracket.rate < 0:
            problems.append(("negative_rate", bracket))
        if bracket.amount_from < 0:
            problems.append(("negative_from", bracket))
        if _upper(bracket) <= bracket.amount_from:
            problems.append(("empty_range", bracket))
        if max_rate is not None and bracket.rate > max_rate:
            problems.append(("above_max", bracket))
    ordered = sorted(brackets, key=lambda b: (b.amount_from, _upper(b)))
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if current.amount_from < _upper(previous):
            problems.append(("overlap", (previous, current)))
        elif current.amount_from > _upper(previous):
            problems.append(("gap", (previous, current)))
    return problems


def rate_at(brackets, cumulative):
    """Rate of the bracket holding ``cumulative`` (0 outside every bracket)."""
    for bracket in brackets:
        if bracket.amount_from <= cumulative < _upper(bracket):
            return bracket.rate
    return 0.0


def split(brackets, cumulative_before, base):
    """Split ``base`` sold on top of ``cumulative_before`` across brackets.

    Returns the list of :class:`Piece` (only those with a non-zero base).
    Amounts are not rounded here. A negative ``base`` (a refund or a discount
    line) walks the brackets downwards, so that a later recomputation of the
    same period gives the same total.
    """
    ordered = sorted(brackets, key=lambda b: b.amount_from)
    if not base:
        return []
    start = cumulative_before
    end = cumulative_before + base
    low, high = (start, end) if base > 0 else (end, start)
    sign = 1 if base > 0 else -1
    pieces = []
    for bracket in ordered:
        part_low = max(low, bracket.amount_from)
        part_high = min(high, _upper(bracket))
        if part_high <= part_low:
            continue
        part = (part_high - part_low) * sign
        pieces.append(Piece(bracket, part, part * bracket.rate / 100.0))
    if base < 0:
        pieces.reverse()
    return pieces
