# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_commission_plan_id = fields.Many2one(
        "prm.commission.plan",
        string="Commission Plan Override",
        company_dependent=True,
        help="Replaces the commission plan of the partner's tier in this company.",
    )
    prm_commission_line_ids = fields.One2many(
        "prm.commission.line", "partner_id", string="Commissions"
    )
    prm_commission_count = fields.Integer(
        string="Commission Count", compute="_compute_prm_commission_count"
    )
    prm_commission_settlement_count = fields.Integer(
        string="Settlement Count", compute="_compute_prm_commission_count"
    )

    def _compute_prm_commission_count(self):
        partners = self.commercial_partner_id
        lines = self.env["prm.commission.line"]._read_group(
            [("partner_id", "in", partners.ids)], ["partner_id"], ["__count"]
        )
        settlements = self.env["prm.commission.settlement"]._read_group(
            [("partner_id", "in", partners.ids)], ["partner_id"], ["__count"]
        )
        line_counts = {partner.id: count for partner, count in lines}
        settlement_counts = {partner.id: count for partner, count in settlements}
        for partner in self:
            commercial = partner.commercial_partner_id.id
            partner.prm_commission_count = line_counts.get(commercial, 0)
            partner.prm_commission_settlement_count = settlement_counts.get(
                commercial, 0
            )

    def _prm_commission_plans(self, company):
        """Plan of each partner in ``company``: override first, then tier plan.

        Returns ``{partner_id: plan}``; partners without a plan are left out.
        """
        plans = {}
        for partner in self.with_company(company):
            candidates = (
                partner.prm_commission_plan_id,
                partner.prm_tier_id.commission_plan_id,
            )
            for plan in candidates:
                if plan and plan.active and plan.company_id == company:
                    plans[partner.id] = plan
                    break
        return plans

    def action_prm_view_commissions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_line_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_prm_view_settlements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prm_commission.prm_commission_settlement_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action
