# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.prm_partner import access


class ResPartner(models.Model):
    _inherit = "res.partner"

    prm_commission_plan_id = fields.Many2one(
        "prm.commission.plan",
        string="Commission Plan Override",
        company_dependent=True,
        groups="prm_partner.group_prm_user",
        help="Replaces the commission plan of the partner's tier in this company. "
        "Only PRM managers change it.",
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

    def _prm_protected_fields(self):
        protected = super()._prm_protected_fields()
        protected["prm_commission_plan_id"] = access.MANAGER
        return protected

    def write(self, vals):
        if "prm_commission_plan_id" not in vals:
            return super().write(vals)
        # company-dependent: Odoo's tracking does not follow it, log it here
        before = {partner.id: partner.prm_commission_plan_id for partner in self}
        result = super().write(vals)
        changed = self.filtered(
            lambda partner: partner.prm_commission_plan_id != before[partner.id]
        )
        if changed:
            none = self.env._("the tier's plan")
            changed._message_log_batch(
                {
                    partner.id: self.env._(
                        "Commission plan override in %(company)s: %(old)s → %(new)s",
                        company=self.env.company.name,
                        old=before[partner.id].display_name or none,
                        new=partner.prm_commission_plan_id.display_name or none,
                    )
                    for partner in changed
                }
            )
        return result

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

    def _prm_commission_overrides(self, company):
        """``{partner id: plan}`` of the partners with an active override plan
        in ``company``."""
        plans = {}
        for partner in self.with_company(company):
            plan = partner.prm_commission_plan_id
            if plan and plan.active and plan.company_id == company:
                plans[partner.id] = plan
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
