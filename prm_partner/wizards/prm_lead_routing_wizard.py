# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.prm_onboarding_task import PARTNER_TYPES
from .common import reopen


class PrmLeadRoutingWizard(models.TransientModel):
    _name = "prm.lead.routing.wizard"
    _description = "Route a Lead to a Channel Partner"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    partner_type = fields.Selection(
        PARTNER_TYPES,
        help="Prefer partners of this type among equal territory matches.",
    )
    line_ids = fields.One2many("prm.lead.routing.wizard.line", "wizard_id")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._prm_fill_lines()
        return wizards

    def _prm_fill_lines(self):
        for wizard in self:
            wizard.line_ids.unlink()
            types = [wizard.partner_type] if wizard.partner_type else None
            candidates = wizard.lead_id._prm_route_candidates(partner_types=types)
            wizard.write(
                {
                    "line_ids": [
                        fields.Command.create(
                            {
                                "sequence": index,
                                "partner_id": partner.id,
                                "score": score,
                                "reason": reason,
                            }
                        )
                        for index, (partner, score, reason) in enumerate(candidates, 1)
                    ]
                }
            )

    def action_refresh(self):
        self.ensure_one()
        self._prm_fill_lines()
        return reopen(self)

    def action_assign_best(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(self.env._("No channel partner matches this lead."))
        return self.line_ids.sorted("sequence")[0].action_assign()


class PrmLeadRoutingWizardLine(models.TransientModel):
    _name = "prm.lead.routing.wizard.line"
    _description = "Lead Routing Candidate"
    _order = "sequence"

    wizard_id = fields.Many2one(
        "prm.lead.routing.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="Rank")
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    tier_id = fields.Many2one(related="partner_id.prm_tier_id")
    score = fields.Float(digits=(16, 2))
    reason = fields.Text()

    def action_assign(self):
        self.ensure_one()
        self.wizard_id.lead_id._prm_assign_partner(self.partner_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
