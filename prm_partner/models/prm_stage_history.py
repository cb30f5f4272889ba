# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

STAGES = [
    ("prospect", "Prospect"),
    ("applicant", "Applicant"),
    ("onboarding", "Onboarding"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("terminated", "Terminated"),
]


class PrmStageHistory(models.Model):
    _name = "prm.stage.history"
    _description = "Partner Lifecycle History"
    _order = "date desc, id desc"

    # The lifecycle history survives: a partner with history is archived.
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    old_stage = fields.Selection(STAGES)
    new_stage = fields.Selection(STAGES, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user
    )
    reason = fields.Text()
    forced = fields.Boolean(
        help="Activated by a manager with the checklist unfinished."
    )
