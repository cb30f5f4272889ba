# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    prm_price_request_id = fields.Many2one(
        "prm.price.request",
        string="Special Price Request",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
