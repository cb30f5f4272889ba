# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Commission computation for a batch of sale lines of one plan.

The caller gives the lines, the plan's rules and SPIFFs and what was already
sold/earned in each period (from existing commission lines that are not
being recomputed). The engine walks the lines in date order, so cumulative
brackets and period caps are applied in the order sales happened, and returns
one :class:`Result` per rule line and per SPIFF line with a human-readable
explanation. Nothing here touches a database, nor formats an amount itself:
the caller gives the formatter (the user's language in Odoo).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from odoo.addons.prm_partner.logic.dates import period_bounds

from . import brackets as brackets_mod
from .matching import best_rule, describe_scope
from .money import format_rate, round_amount
from .rates import apply_cap, apply_period_cap, line_base, share_fixed, simple_amount
from .spiffs import spiff_amount, spiff_matches
from .text import as_translator


@dataclass
class Result:
    key: object
    kind: str  # "rule" or "spiff"
    rule_id: int | None = None
    spiff_id: int | None = None
    base: float = 0.0
    sales_amount: float = 0.0
    rate: float = 0.0
    fixed_amount: float = 0.0
    amount: float = 0.0
    period_start: datetime.date | None = None
    capped: bool = False
    explanation: str = ""
    pieces: list = field(default_factory=list)


class Engine:
    """One computation run; keeps cumulative totals while walking lines.

    ``formatter(value)`` writes an amount of the run's currency in the
    explanations, ``formatter(value, symbol=False)`` a bare number (the bounds
    of brackets).
    """

    def __init__(
        self,
        rules,
        spiffs=(),
        *,
        formatter,
        period="year",
        rounding=0.01,
        cumulative_sales=None,
        cumulative_commission=None,
        translate=None,
    ):
        self.rules = list(rules)
        self.spiffs = list(spiffs)
        self.period = period
        self.rounding = rounding
        # (partner_id, period_start) -> untaxed sales already counted
        self.cumulative_sales = defaultdict(float, cumulative_sales or {})
        # (partner_id, rule_id, period_start) -> commission already earned
        self.cumulative_commission = defaultdict(float, cumulative_commission or {})
        self.formatter = formatter
        self.tr = as_translator(translate)
        # date -> first day of its period: a run has few distinct dates
        self._period_starts = {}

    # -- helpers -----------------------------------------------------------
    def _round(self, value):
        return round_amount(value, self.rounding)

    def _fmt(self, value):
        return self.formatter(value)

    def _period_start(self, value):
        if value not in self._period_starts:
            self._period_starts[value] = period_bounds(value, self.period)[0]
        return self._period_starts[value]

    def _fmt_plain(self, value):
        return self.formatter(value, symbol=False)

    # -- public ------------------------------------------------------------
    def run(self, lines, share_with=(), fixed_paid=None):
        """Results for ``lines``.

        ``share_with`` are other lines of the same orders computed in another
        run (e.g. not yet invoiced): fixed amounts per order are shared over
        all of them, so an order never earns its fixed amount twice.
        ``fixed_paid`` maps ``(order_id, rule_id)`` to the fixed-per-order
        amount already settled for that order: only the rest is shared.
        """
        ordered = sorted(
            lines,
            key=lambda ln: (
                ln.date or datetime.date.min,
                str(ln.order_id),
                str(ln.key),
            ),
        )
        pool = ordered + list(share_with)
        matched = {id(line): best_rule(self.rules, line) for line in pool}
        fixed_paid = fixed_paid or {}
        order_shares = self._order_shares(pool, matched, fixed_paid)
        results = []
        for line in ordered:
            rule = matched[id(line)]
            if rule is not None:
                paid = fixed_paid.get((line.order_id, rule.id), 0.0)
                results.append(self._rule_result(line, rule, order_shares, paid))
            results.extend(self._spiff_results(line))
        return results

    # -- rules -------------------------------------------------------------
    def _order_shares(self, ordered, matched, fixed_paid):
        """Fixed-per-order amounts shared across the lines of each order.

        What was already settled for an order and rule is taken off the fixed
        amount first, so lines added or changed after a settlement only share
        the rest (zero when the order was fully paid).
        """
        groups = defaultdict(list)
        ordered = sorted(ordered, key=lambda ln: (str(ln.order_id), str(ln.key)))
        for line in ordered:
            rule = matched[id(line)]
            if rule is not None and rule.compute == "fixed_order":
                groups[(line.order_id, rule.id)].append(line)
        shares = {}
        for (order_id, rule_id), group in groups.items():
            rule = matched[id(group[0])]
            total = rule.fixed_amount - fixed_paid.get((order_id, rule_id), 0.0)
            weights = [abs(line.amount) for line in group]
            for line, share in zip(
                group, share_fixed(total, weights, self._round), strict=True
            ):
                shares[id(line)] = share
        return shares

    def _rule_result(self, line, rule, order_shares, fixed_paid=0.0):
        tr = self.tr
        period_start = self._period_start(line.date) if line.date else None
        sales_key = (line.partner_id, period_start)
        cap_key = (line.partner_id, rule.id, period_start)
        base = line_base(rule.compute, line)
        result = Result(
            key=line.key,
            kind="rule",
            rule_id=rule.id,
            base=base,
            sales_amount=line.amount,
            period_start=period_start,
        )
        values = {
            "rule": rule.name,
            "scope": describe_scope(rule, tr),
            "base": self._fmt(base),
            "sales": self._fmt(line.amount),
            "cost": self._fmt(line.cost),
            "qty": format_rate(line.quantity),
        }
        if rule.compute in ("percent_amount", "percent_margin") and rule.brackets:
            before = self.cumulative_sales[sales_key]
            pieces = brackets_mod.split(rule.brackets, before, line.amount)
            raw_sales_commission = sum(piece.amount for piece in pieces)
            if line.amount:
                rate = raw_sales_commission / line.amount * 100.0
            else:
                rate = brackets_mod.rate_at(rule.brackets, before)
            raw = base * rate / 100.0
            result.rate = rate
            result.pieces = pieces
            values.update(
                cumulative=self._fmt(before),
                pieces=" + ".join(self._describe_piece(piece) for piece in pieces)
                or tr._("no bracket applies"),
                rate=format_rate(round(rate, 4)),
            )
            if rule.compute == "percent_amount":
                text = tr._(
                    "%(rule)s (%(scope)s): tiered rate on %(cumulative)s already sold "
                    "this period: %(pieces)s"
                )
            else:
                text = tr._(
                    "%(rule)s (%(scope)s): tiered rate on %(cumulative)s already sold "
                    "this period: %(pieces)s, i.e. %(rate)s%% applied to the margin "
                    "%(base)s (untaxed %(sales)s minus cost %(cost)s)"
                )
        elif rule.compute == "percent_amount":
            raw = simple_amount(rule, base)
            result.rate = rule.rate
            values["rate"] = format_rate(rule.rate)
            text = tr._(
                "%(rule)s (%(scope)s): %(rate)s%% of the untaxed amount %(base)s"
            )
        elif rule.compute == "percent_margin":
            raw = simple_amount(rule, base)
            result.rate = rule.rate
            values["rate"] = format_rate(rule.rate)
            text = tr._(
                "%(rule)s (%(scope)s): %(rate)s%% of the margin %(base)s "
                "(untaxed %(sales)s minus cost %(cost)s)"
            )
        elif rule.compute == "fixed_unit":
            raw = simple_amount(rule, base)
            result.fixed_amount = rule.fixed_amount
            values["fixed"] = self._fmt(rule.fixed_amount)
            text = tr._("%(rule)s (%(scope)s): %(fixed)s per unit x %(qty)s units")
        else:  # fixed_order
            raw = order_shares.get(id(line), 0.0)
            result.fixed_amount = rule.fixed_amount
            values["fixed"] = self._fmt(rule.fixed_amount)
            if fixed_paid:
                values["paid"] = self._fmt(fixed_paid)
                text = tr._(
                    "%(rule)s (%(scope)s): fixed %(fixed)s per order, of which "
                    "%(paid)s is already settled; the rest is shared across the "
                    "order lines by untaxed amount"
                )
            else:
                text = tr._(
                    "%(rule)s (%(scope)s): fixed %(fixed)s per order, shared across "
                    "the order lines by untaxed amount"
                )
        parts = [text % values]
        amount, capped = apply_cap(raw, rule.cap_line)
        if capped:
            cap = self._fmt(rule.cap_line)
            parts.append(tr._("capped at %(cap)s per line") % {"cap": cap})
        amount = self._round(amount)
        already = self.cumulative_commission[cap_key]
        limited, period_capped = apply_period_cap(amount, rule.cap_period, already)
        if period_capped:
            parts.append(
                tr._(
                    "limited to %(room)s by the period cap of %(cap)s "
                    "(%(already)s already earned)"
                )
                % {
                    "room": self._fmt(limited),
                    "cap": self._fmt(rule.cap_period),
                    "already": self._fmt(already),
                }
            )
            amount = self._round(limited)
        result.amount = amount
        result.capped = capped or period_capped
        parts.append(tr._("commission %(amount)s") % {"amount": self._fmt(amount)})
        result.explanation = "; ".join(parts)
        self.cumulative_sales[sales_key] += line.amount
        self.cumulative_commission[cap_key] += amount
        return result

    def _describe_piece(self, piece):
        bracket = piece.bracket
        if bracket.amount_to is None:
            span = self.tr._("above %(low)s") % {
                "low": self._fmt_plain(bracket.amount_from)
            }
        else:
            low = self._fmt_plain(bracket.amount_from)
            high = self._fmt_plain(bracket.amount_to)
            span = f"{low}-{high}"
        return self.tr._("%(rate)s%% of %(base)s (bracket %(span)s)") % {
            "rate": format_rate(bracket.rate),
            "base": self._fmt(piece.base),
            "span": span,
        }

    # -- spiffs ------------------------------------------------------------
    def _spiff_results(self, line):
        tr = self.tr
        results = []
        for spiff in self.spiffs:
            if not spiff_matches(spiff, line):
                continue
            base, raw = spiff_amount(spiff, line)
            amount = self._round(raw)
            if spiff.compute == "percent_amount":
                text = tr._(
                    "SPIFF %(spiff)s: %(rate)s%% of the untaxed amount %(base)s"
                ) % {
                    "spiff": spiff.name,
                    "rate": format_rate(spiff.rate),
                    "base": self._fmt(base),
                }
            else:
                text = tr._("SPIFF %(spiff)s: %(fixed)s per unit x %(qty)s units") % {
                    "spiff": spiff.name,
                    "fixed": self._fmt(spiff.fixed_amount),
                    "qty": format_rate(base),
                }
            text = "; ".join(
                [text, tr._("commission %(amount)s") % {"amount": self._fmt(amount)}]
            )
            results.append(
                Result(
                    key=line.key,
                    kind="spiff",
                    spiff_id=spiff.id,
                    base=base,
                    sales_amount=line.amount,
                    rate=spiff.rate if spiff.compute == "percent_amount" else 0.0,
                    fixed_amount=spiff.fixed_amount
                    if spiff.compute == "fixed_unit"
                    else 0.0,
                    amount=amount,
                    period_start=self._period_start(line.date),
                    explanation=text,
                )
            )
        return results
