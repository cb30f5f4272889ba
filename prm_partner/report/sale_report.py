# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.prm_onboarding_task import PARTNER_TYPES


class SaleReport(models.Model):
    _inherit = "sale.report"

    prm_partner_id = fields.Many2one(
        "res.partner", string="Channel Partner", readonly=True
    )
    prm_tier_id = fields.Many2one("prm.tier", string="Partner Tier", readonly=True)
    prm_partner_type = fields.Selection(
        PARTNER_TYPES, string="Partner Type", readonly=True
    )

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["prm_partner_id"] = "s.prm_partner_id"
        res["prm_tier_id"] = "s.prm_tier_id"
        res["prm_partner_type"] = (
            "(SELECT cp.prm_partner_type FROM res_partner cp "
            "WHERE cp.id = s.prm_partner_id)"
        )
        return res

    def _group_by_sale(self):
        res = super()._group_by_sale()
        res += """,
            s.prm_partner_id,
            s.prm_tier_id"""
        return res
