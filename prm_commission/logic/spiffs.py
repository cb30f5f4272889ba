# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SPIFFs: time-boxed bonuses on chosen products or categories for chosen tiers.

Every matching SPIFF gives its own commission line, next to the rule line.
"""

import datetime
from dataclasses import dataclass

SPIFF_MODES = ("percent_amount", "fixed_unit")


@dataclass
class Spiff:
    id: int
    name: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    product_ids: frozenset = frozenset()
    categ_ids: frozenset = frozenset()
    tier_ids: frozenset = frozenset()
    compute: str = "fixed_unit"
    rate: float = 0.0
    fixed_amount: float = 0.0

    def __post_init__(self):
        self.product_ids = frozenset(self.product_ids or ())
        self.categ_ids = frozenset(self.categ_ids or ())
        self.tier_ids = frozenset(self.tier_ids or ())


def spiff_matches(spiff, line):
    """A SPIFF needs a product or category hit; tiers are optional filters."""
    if line.date is None:
        return False
    if spiff.date_from and line.date < spiff.date_from:
        return False
    if spiff.date_to and line.date > spiff.date_to:
        return False
    if spiff.tier_ids and line.tier_id not in spiff.tier_ids:
        return False
    if not spiff.product_ids and not spiff.categ_ids:
        return False
    product_hit = line.product_id in spiff.product_ids
    categ_hit = bool(spiff.categ_ids.intersection(line.categ_path))
    return product_hit or categ_hit


def spiff_amount(spiff, line):
    """``(base, amount)`` of a SPIFF for a line."""
    if spiff.compute == "percent_amount":
        return line.amount, line.amount * spiff.rate / 100.0
    if spiff.compute == "fixed_unit":
        return line.quantity, line.quantity * spiff.fixed_amount
    raise ValueError(f"unknown SPIFF mode {spiff.compute!r}")


def validate_spiff(spiff):
    problems = []
    if spiff.compute not in SPIFF_MODES:
        problems.append("unknown_compute")
    if spiff.rate < 0 or spiff.fixed_amount < 0:
        problems.append("negative_rate")
    if spiff.date_from and spiff.date_to and spiff.date_from > spiff.date_to:
        problems.append("date_range")
    if not spiff.product_ids and not spiff.categ_ids:
        problems.append("no_target")
    return problems
