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

    def _compute_base_price(self, product, quantity, uom, date, currency):
        # the tier prices a special pricelist computed for all its products
        # at once (product.pricelist._compute_price_rule)
        prices = self.env.context.get("prm_base_prices")
        if prices and self.base == "pricelist" and self.base_pricelist_id:
            base = self.base_pricelist_id
            price = prices.get((base.id, product._name, product.id))
            if price is not None:
                if base.currency_id != currency:
                    price = base.currency_id._convert(
                        price, currency, self.env.company, date, round=False
                    )
                return price
        return super()._compute_base_price(product, quantity, uom, date, currency)
