# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PrmPartnerCompanyMixin(models.AbstractModel):
    """A record held by one partner company (agreements, certifications)."""

    _name = "prm.partner.company.mixin"
    _description = "Record of a Partner Company"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
    )
