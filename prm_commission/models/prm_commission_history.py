# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.prm_partner.logic import dates

UNSETTLED_STATES = ("draft", "confirmed", "cancelled")


class PrmCommissionHistory(models.AbstractModel):
    """What earlier commission lines already count when a plan is computed.

    Settled commissions never change: a computation only adds what the
    source changed since (adjustment lines), and cumulative brackets and
    period caps start from what the period already sold and earned.
    """

    _name = "prm.commission.history"
    _description = "Commission History"

    @api.model
    def _prm_parse_key(self, key):
        """``(kind, sale line id, adjustment number)`` of a computed line key.

        Keys: ``rule:<sol>``, ``spiff:<sol>:<spiff>``, and for adjustments
        after a settlement ``rule:<sol>:adj:<n>``, ``spiff:<sol>:adj:<n>:<spiff>``.
        Returns ``None`` for reversal keys.
        """
        parts = key.split(":")
        if parts[0] not in ("rule", "spiff") or len(parts) < 2:
            return None
        batch = int(parts[3]) if len(parts) > 3 and parts[2] == "adj" else 0
        return parts[0], int(parts[1]), batch

    @api.model
    def _prm_settled_parts(self, plan, by_key):
        """What was already settled, per sale line and per fixed-per-order rule.

        Returns ``(settled, fixed_paid)``: ``settled`` maps a sale line id with
        settled commissions to its settled quantity and sales amount, the
        number of the adjustment batch to (re)use, and ``frozen`` when a line
        was fully clawed back (nothing is recomputed then); ``fixed_paid`` maps
        ``(order id, rule id)`` to the fixed-per-order amount already settled.
        """
        batches = defaultdict(dict)  # sol id -> batch -> representative line
        fixed_paid = defaultdict(float)
        frozen, settled_batches = set(), set()
        for key, line in by_key.items():
            parsed = self._prm_parse_key(key)
            if not parsed or line.plan_id != plan:
                continue
            kind, sol_id, batch = parsed
            if line.state == "reversed":
                frozen.add(sol_id)
            elif line.state == "settled":
                settled_batches.add((sol_id, batch))
            current = batches[sol_id].get(batch)
            # the rule line stands for its batch; SPIFF lines when there is none
            if current is None or (kind == "rule" and current.kind != "rule"):
                batches[sol_id][batch] = line
            if (
                kind == "rule"
                and line.state == "settled"
                and line.rule_id.compute_mode == "fixed_order"
            ):
                fixed_paid[(line.order_id.id, line.rule_id.id)] += line.amount
        settled = {}
        for sol_id, sol_batches in batches.items():
            done = {
                batch: line
                for batch, line in sol_batches.items()
                if (sol_id, batch) in settled_batches
            }
            if not done and sol_id not in frozen:
                continue
            open_batches = sorted(set(sol_batches) - set(done))
            settled[sol_id] = {
                "frozen": sol_id in frozen,
                "quantity": sum(line.quantity for line in done.values()),
                "sales_amount": sum(line.sales_amount for line in done.values()),
                "batch": open_batches[0] if open_batches else max(sol_batches) + 1,
            }
        return settled, dict(fixed_paid)

    @api.model
    def _prm_cumulatives(self, plan, inputs, by_key, rules):
        """Sales and commissions already counted in the periods of ``inputs``."""
        starts = {
            dates.period_bounds(day, plan.period)[0]
            for day in {item.date for item in inputs}
        }
        partner_ids = list({item.partner_id for item in inputs})
        recomputed = [
            line.id
            for key, line in by_key.items()
            if key.startswith(("rule:", "spiff:"))
            and line.state in UNSETTLED_STATES
            and line.plan_id == plan
        ]
        domain = [
            ("plan_id", "=", plan.id),
            ("kind", "in", ("rule", "reversal")),
            ("rule_id", "!=", False),
            ("state", "in", ("confirmed", "settled")),
            ("partner_id", "in", partner_ids),
            ("period_start", "in", list(starts)),
        ]
        if recomputed:
            domain.append(("id", "not in", recomputed))
        sales, commissions = {}, {}
        groups = (
            self.env["prm.commission.line"]
            .sudo()
            ._read_group(
                domain,
                ["partner_id", "rule_id", "period_start:day"],
                ["sales_amount:sum", "amount:sum"],
            )
        )
        for partner, rule, start, sales_total, amount_total in groups:
            start = fields.Date.to_date(start)
            key = (partner.id, start)
            sales[key] = sales.get(key, 0.0) + sales_total
            if rule in rules:
                commissions[(partner.id, rule.id, start)] = amount_total
        return sales, commissions
