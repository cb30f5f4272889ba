# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from odoo.addons.prm_partner import access


class SaleOrder(models.Model):
    _inherit = "sale.order"

    prm_commission_line_ids = fields.One2many(
        "prm.commission.line", "order_id", string="Commissions"
    )
    prm_commission_count = fields.Integer(
        string="Commission Count", compute="_compute_prm_commission_count"
    )

    @api.depends("prm_commission_line_ids")
    def _compute_prm_commission_count(self):
        groups = self.env["prm.commission.line"]._read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["__count"]
        )
        counts = {order.id: count for order, count in groups}
        for order in self:
            order.prm_commission_count = counts.get(order.id, 0)

    def _prm_commission_plans(self):
        """Confirmed orders grouped by the plan of their channel partner: its
        override, else the plan of the tier stored on the order (the tier of
        the sale's time: a later promotion or demotion changes nothing)."""
        by_company = defaultdict(list)
        for order in self:
            if order.state == "sale" and order.prm_partner_id:
                by_company[order.company_id].append(order.id)
        result = defaultdict(list)
        for company, order_ids in by_company.items():
            orders = self.browse(order_ids)
            partners = orders.prm_partner_id.commercial_partner_id
            overrides = partners._prm_commission_overrides(company)
            # the plan of each tier, looked up once per batch
            tier_plans = {}
            for order in orders:
                plan = overrides.get(order.prm_partner_id.commercial_partner_id.id)
                if not plan:
                    tier = order.prm_tier_id
                    if tier.id not in tier_plans:
                        plan = tier.commission_plan_id
                        if not plan.active or plan.company_id != company:
                            plan = None
                        tier_plans[tier.id] = plan
                    plan = tier_plans[tier.id]
                if plan:
                    result[plan].append(order.id)
        return {plan: self.browse(ids) for plan, ids in result.items()}

    def _prm_commission_sync(self):
        return self.env["prm.commission.compute"]._prm_sync_orders(self)

    def _action_confirm(self):
        result = super()._action_confirm()
        self._prm_commission_sync()
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self._prm_commission_sync()
        return result

    def write(self, vals):
        result = super().write(vals)
        if "prm_partner_id" in vals or "currency_id" in vals:
            self.filtered(lambda order: order.state == "sale")._prm_commission_sync()
        return result

    def action_prm_view_commissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_line_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_prm_recompute_commissions(self):
        access.require(self.env, access.MANAGER)
        self._prm_commission_sync()
        return True
