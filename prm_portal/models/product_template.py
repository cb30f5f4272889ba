# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    prm_partner_sellable = fields.Boolean(
        string="Sold Through Partners",
        help="Channel partners can name this product among the products of "
        "interest of the deals they register on the portal.",
    )
