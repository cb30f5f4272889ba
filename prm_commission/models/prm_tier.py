# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmTier(models.Model):
    _inherit = "prm.tier"

    commission_plan_id = fields.Many2one(
        "prm.commission.plan",
        check_company=True,
        help="Default commission plan of the partners of this tier.",
    )
