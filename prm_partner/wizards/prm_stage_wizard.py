# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.prm_stage_history import STAGES


class PrmStageWizard(models.TransientModel):
    _name = "prm.stage.wizard"
    _description = "Change Partner Lifecycle Stage"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    current_stage = fields.Selection(related="partner_id.prm_stage")
    onboarding_progress = fields.Integer(related="partner_id.prm_onboarding_progress")
    new_stage = fields.Selection(STAGES, required=True)
    reason = fields.Text(required=True)
    force = fields.Boolean(
        string="Force Activation",
        help="Activate although the onboarding checklist is not finished "
        "(PRM managers only).",
    )

    def action_apply(self):
        self.ensure_one()
        self.partner_id._prm_set_stage(self.new_stage, self.reason, force=self.force)
        return {"type": "ir.actions.act_window_close"}
