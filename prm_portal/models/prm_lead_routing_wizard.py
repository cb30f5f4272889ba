# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PrmLeadRoutingWizard(models.TransientModel):
    _inherit = "prm.lead.routing.wizard"

    prm_conflict_summary = fields.Text(
        string="Channel Conflicts",
        compute="_compute_prm_conflict_summary",
        help="What the deal registration check finds for the customer of this "
        "lead: check it before offering the lead to a partner.",
    )

    @api.depends("lead_id")
    def _compute_prm_conflict_summary(self):
        for wizard in self:
            lead = wizard.lead_id
            wizard.prm_conflict_summary = (
                "\n".join(lead._prm_conflict_summary()) if lead else False
            )
