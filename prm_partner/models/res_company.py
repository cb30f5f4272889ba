# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    prm_tier_grace_days = fields.Integer(
        string="Demotion Grace Period (days)",
        default=30,
        help="Days between the warning and the demotion of a partner that no "
        "longer meets its tier.",
    )
    prm_auto_route_leads = fields.Boolean(
        string="Route New Leads Automatically",
        help="Assign new leads without a channel partner to the best partner.",
    )
    prm_certification_warning_days = fields.Integer(
        string="Certification Expiry Warning (days)", default=30
    )

    @api.constrains("prm_tier_grace_days", "prm_certification_warning_days")
    def _check_prm_days(self):
        for company in self:
            if (
                company.prm_tier_grace_days < 0
                or company.prm_certification_warning_days < 0
            ):
                raise ValidationError(self.env._("Numbers of days cannot be negative."))
