# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rule matching with specificity.

A rule matches a sale line when every criterion it sets is met (empty
criteria match everything). Among matching rules the most specific wins:

0. order kind: a rule for resale orders (the partner's own purchases) or for
   sourced deals (orders of end customers the partner brought) beats a rule
   for all orders, so a plan's resale rules are the ones its resale orders
   follow;
1. partner dimension: named partners (3) > tiers (2) > partner types (1) > all (0);
2. product dimension: named products > categories > all, and a deeper
   category beats its parent (a rule on "All / Hardware / Servers" beats one on
   "All / Hardware" for a server);
3. then the lowest ``sequence``, then the lowest id (stable result).
"""

import datetime
from dataclasses import dataclass, field

from .text import as_translator

COMPUTE_MODES = ("percent_amount", "percent_margin", "fixed_unit", "fixed_order")

ORDER_KIND_ALL = "all"
ORDER_KIND_SOURCED = "sourced"
ORDER_KIND_RESALE = "resale"
ORDER_KINDS = (ORDER_KIND_ALL, ORDER_KIND_SOURCED, ORDER_KIND_RESALE)

PARTNER_LEVEL_PARTNER = 3
PARTNER_LEVEL_TIER = 2
PARTNER_LEVEL_TYPE = 1
PARTNER_LEVEL_ALL = 0


@dataclass
class Rule:
    id: int
    name: str = ""
    sequence: int = 10
    compute: str = "percent_amount"
    rate: float = 0.0
    fixed_amount: float = 0.0
    partner_ids: frozenset = frozenset()
    tier_ids: frozenset = frozenset()
    partner_types: frozenset = frozenset()
    product_ids: frozenset = frozenset()
    categ_ids: frozenset = frozenset()
    # "all", "sourced" (end customers' orders) or "resale" (own purchases)
    order_kind: str = ORDER_KIND_ALL
    # depth of each category of categ_ids (number of ancestors), for specificity
    categ_depths: dict = field(default_factory=dict)
    amount_min: float | None = None
    amount_max: float | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    cap_line: float = 0.0
    cap_period: float = 0.0
    brackets: tuple = ()

    def __post_init__(self):
        for name in (
            "partner_ids",
            "tier_ids",
            "partner_types",
            "product_ids",
            "categ_ids",
        ):
            setattr(self, name, frozenset(getattr(self, name) or ()))
        self.brackets = tuple(self.brackets or ())


@dataclass
class SaleLine:
    """What the engine needs to know about one sale order line."""

    key: object
    order_id: object = None
    partner_id: int | None = None
    tier_id: int | None = None
    partner_type: str | None = None
    product_id: int | None = None
    # the product category and all its ancestors, e.g. parsed parent_path "1/5/7/"
    categ_path: tuple = ()
    date: datetime.date | None = None
    quantity: float = 0.0
    amount: float = 0.0
    cost: float = 0.0
    order_amount: float = 0.0
    name: str = ""
    # the partner's own purchase (see :func:`is_resale`)
    resale: bool = False

    def __post_init__(self):
        if isinstance(self.categ_path, str):
            self.categ_path = parse_parent_path(self.categ_path)
        else:
            self.categ_path = tuple(self.categ_path or ())


def parse_parent_path(parent_path):
    """``"1/5/7/"`` -> ``(1, 5, 7)`` (Odoo's ``parent_path`` format)."""
    return tuple(int(part) for part in (parent_path or "").split("/") if part)


def is_resale(partner_id, customer_commercial_id):
    """An order is a resale order when its customer's commercial partner is
    the channel partner it is attributed to: the partner buys for itself."""
    return bool(partner_id) and partner_id == customer_commercial_id


def order_kind_matches(order_kind, resale):
    if order_kind == ORDER_KIND_RESALE:
        return resale
    if order_kind == ORDER_KIND_SOURCED:
        return not resale
    return True


def _in_range(value, low, high):
    if low is not None and value < low:
        return False
    if high is not None and value > high:
        return False
    return True


def rule_matches(rule, line):
    """True when every criterion set on ``rule`` holds for ``line``."""
    if not order_kind_matches(rule.order_kind, line.resale):
        return False
    if rule.partner_ids and line.partner_id not in rule.partner_ids:
        return False
    if rule.tier_ids and line.tier_id not in rule.tier_ids:
        return False
    if rule.partner_types and line.partner_type not in rule.partner_types:
        return False
    if rule.product_ids and line.product_id not in rule.product_ids:
        return False
    if rule.categ_ids and not rule.categ_ids.intersection(line.categ_path):
        return False
    if not _in_range(
        line.order_amount, rule.amount_min or None, rule.amount_max or None
    ):
        return False
    if line.date is not None and not _in_range(line.date, rule.date_from, rule.date_to):
        return False
    return True


def partner_level(rule):
    if rule.partner_ids:
        return PARTNER_LEVEL_PARTNER
    if rule.tier_ids:
        return PARTNER_LEVEL_TIER
    if rule.partner_types:
        return PARTNER_LEVEL_TYPE
    return PARTNER_LEVEL_ALL


def product_level(rule, line):
    """(2, 0) for products, (1, depth) for the deepest matching category, (0, 0)."""
    if rule.product_ids:
        return (2, 0)
    if rule.categ_ids:
        matched = rule.categ_ids.intersection(line.categ_path)
        depth = max(
            (rule.categ_depths.get(c, line.categ_path.index(c)) for c in matched),
            default=0,
        )
        return (1, depth)
    return (0, 0)


def specificity(rule, line):
    """Sort key: greater is more specific (sequence and id break ties)."""
    return (
        rule.order_kind != ORDER_KIND_ALL,
        partner_level(rule),
        product_level(rule, line),
        -rule.sequence,
        -rule.id,
    )


def best_rule(rules, line):
    """The winning rule for ``line`` or ``None``."""
    best, best_key = None, None
    for rule in rules:
        if not rule_matches(rule, line):
            continue
        key = specificity(rule, line)
        if best_key is None or key > best_key:
            best, best_key = rule, key
    return best


def describe_scope(rule, translator=None):
    """Short words explaining why the rule is specific, for explanations."""
    tr = as_translator(translator)
    level = partner_level(rule)
    if level == PARTNER_LEVEL_PARTNER:
        partner = tr._("partner-specific")
    elif level == PARTNER_LEVEL_TIER:
        partner = tr._("tier rule")
    elif level == PARTNER_LEVEL_TYPE:
        partner = tr._("partner-type rule")
    else:
        partner = tr._("all partners")
    if rule.product_ids:
        product = tr._("product-specific")
    elif rule.categ_ids:
        product = tr._("product category")
    else:
        product = tr._("all products")
    if rule.order_kind == ORDER_KIND_RESALE:
        kind = tr._("resale orders")
    elif rule.order_kind == ORDER_KIND_SOURCED:
        kind = tr._("sourced deals")
    else:
        return f"{partner}, {product}"
    return f"{partner}, {product}, {kind}"
