# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    prm_price_ceiling = fields.Float(
        string="Discount and Commission Ceiling (%)",
        help="A special price is approved only when the partner's effective "
        "discount plus its commission rate stays within this percentage. "
        "0 means no ceiling.",
    )

    @api.constrains("prm_price_ceiling")
    def _check_prm_price_ceiling(self):
        for company in self:
            if not 0 <= company.prm_price_ceiling <= 200:
                raise ValidationError(
                    self.env._("The ceiling must be between 0 and 200%.")
                )
