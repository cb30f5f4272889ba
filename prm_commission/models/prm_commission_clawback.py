# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from ..logic import clawback


class PrmCommissionClawback(models.AbstractModel):
    """Credit notes posted within the plan's window reverse commissions."""

    _name = "prm.commission.clawback"
    _description = "Commission Clawback"

    @api.model
    def _prm_clawback(self, refunds):
        """Reverse commissions of credit notes posted within the clawback window."""
        lines_model = self.env["prm.commission.line"].sudo()
        refunds = refunds.sudo().filtered(
            lambda move: move.move_type == "out_refund" and move.state == "posted"
        )
        refund_lines = refunds.invoice_line_ids.filtered("sale_line_ids")
        if not refund_lines:
            return lines_model
        originals = lines_model.search(
            [
                ("order_line_id", "in", refund_lines.sale_line_ids.ids),
                ("kind", "in", ("rule", "spiff")),
                ("state", "in", ("confirmed", "settled")),
            ]
        )
        if not originals:
            return lines_model
        by_sol = defaultdict(lambda: lines_model)
        # a sale line may have adjustment lines after a settlement: the refunded
        # share is taken of the quantity of all its lines of the same kind
        family_qty = defaultdict(float)
        for line in originals:
            by_sol[line.order_line_id.id] |= line
            family = (line.order_line_id.id, line.kind, line.spiff_id.id)
            family_qty[family] += line.quantity
        reversed_so_far = originals._prm_reversed_amounts()
        done = set(
            lines_model.search(
                [("origin_line_id", "in", originals.ids), ("kind", "=", "reversal")]
            ).mapped("source_key")
        )
        texts = self.env["prm.commission.compute"]
        translate = texts._prm_translate()
        vals_list, fully_reversed = [], lines_model
        for refund_line in refund_lines:
            refund = refund_line.move_id
            refund_date = refund.invoice_date or fields.Date.context_today(self)
            for sol in refund_line.sale_line_ids:
                for original in by_sol.get(sol.id, lines_model):
                    key = f"reversal:{original.id}:{refund_line.id}"
                    if key in done:
                        continue
                    origin_date = self._prm_origin_date(original)
                    window = original.plan_id.clawback_days
                    if not clawback.in_window(origin_date, refund_date, window):
                        continue
                    currency = original.currency_id

                    def rounding(value, currency=currency):
                        return currency.round(value)

                    family = (sol.id, original.kind, original.spiff_id.id)
                    wanted, ratio = clawback.reversal_amount(
                        original.amount,
                        family_qty[family] or original.quantity,
                        refund_line.quantity,
                        rounding,
                    )
                    already = reversed_so_far.get(original.id, 0.0)
                    allowed = clawback.remaining_to_reverse(
                        original.amount, already, wanted, rounding
                    )
                    if currency.is_zero(allowed):
                        continue
                    reversed_so_far[original.id] = already + allowed
                    vals = original._prm_reversal_vals(key, allowed, ratio)
                    vals["refund_move_id"] = refund.id
                    vals["date"] = refund_date
                    days = (refund_date - origin_date).days
                    vals["explanation"] = clawback.explain_reversal(
                        original.order_id.name or original.display_name,
                        refund.name,
                        days,
                        window,
                        ratio,
                        texts._prm_formatter(currency)(allowed),
                        translator=translate,
                    )
                    full = currency.is_zero(original.amount + already + allowed)
                    if original.state != "settled" and not already and full:
                        vals["state"] = "reversed"
                        fully_reversed |= original
                    vals_list.append(vals)
                    done.add(key)
        if fully_reversed:
            fully_reversed.write({"state": "reversed"})
        return lines_model.create(vals_list)

    @api.model
    def _prm_origin_date(self, line):
        """The sale date that starts the clawback window of ``line``."""
        line.ensure_one()
        if line.order_id.date_order:
            order_date = line.order_id.date_order.date()
            return min(order_date, line.date) if line.date else order_date
        return line.date
