# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

PARTNER_TYPES = [
    ("distributor", "Distributor"),
    ("reseller", "Reseller"),
    ("system_integrator", "System Integrator"),
    ("technology", "Technology Partner"),
    ("referral", "Referral / Affiliate"),
    ("service", "Service Partner"),
]


class PrmOnboardingTask(models.Model):
    _name = "prm.onboarding.task"
    _description = "Partner Onboarding Task"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    partner_type = fields.Selection(
        PARTNER_TYPES, help="Leave empty to ask this of every partner type."
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        # Partners still being onboarded get the new tasks on their checklist.
        self.env["res.partner"].search(
            [
                ("prm_is_partner", "=", True),
                ("prm_stage", "in", ("prospect", "applicant", "onboarding")),
            ]
        )._prm_sync_onboarding()
        return tasks
