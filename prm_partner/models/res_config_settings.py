# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    prm_tier_grace_days = fields.Integer(
        related="company_id.prm_tier_grace_days", readonly=False
    )
    prm_auto_route_leads = fields.Boolean(
        related="company_id.prm_auto_route_leads", readonly=False
    )
    prm_certification_warning_days = fields.Integer(
        related="company_id.prm_certification_warning_days", readonly=False
    )
