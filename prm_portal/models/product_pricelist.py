# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    prm_partner_id = fields.Many2one(
        "res.partner",
        string="Special Prices Of",
        readonly=True,
        index="btree_not_null",
        help="The channel partner whose special prices this pricelist holds "
        "(on top of its tier pricelist).",
    )

    def _compute_price_rule(
        self,
        products,
        quantity,
        currency=None,
        uom=None,
        date=False,
        compute_price=True,
        **kwargs,
    ):
        # Every rule of a special pricelist starts from the tier pricelist's
        # price, which Odoo computes product by product (a rule search
        # each): compute them for all the products at once and let the rules
        # read them (product.pricelist.item._compute_base_price).
        pricelist = self
        if (
            len(self) == 1
            and self.prm_partner_id
            and compute_price
            and products
            and "prm_base_prices" not in self.env.context
        ):
            tier = self._prm_tier_base()
            if tier:
                base = tier._compute_price_rule(
                    products,
                    quantity,
                    currency=tier.currency_id,
                    uom=uom,
                    date=date or fields.Datetime.now(),
                    **kwargs,
                )
                prices = {
                    (tier.id, products._name, product_id): price
                    for product_id, (price, _rule) in base.items()
                }
                pricelist = self.with_context(prm_base_prices=prices)
        return super(ProductPricelist, pricelist)._compute_price_rule(
            products,
            quantity,
            currency=currency,
            uom=uom,
            date=date,
            compute_price=compute_price,
            **kwargs,
        )

    def _prm_tier_item_vals(self, tier_pricelist):
        """The last rule of a special pricelist: the tier pricelist's price."""
        return {
            "applied_on": "3_global",
            "compute_price": "formula",
            "base": "pricelist",
            "base_pricelist_id": tier_pricelist.id,
            "price_discount": 0.0,
        }

    def _prm_tier_items(self):
        return self.item_ids.filtered(
            lambda i: i.applied_on == "3_global" and not i.prm_price_request_id
        )

    def _prm_tier_base(self):
        """The tier pricelist a special pricelist is based on (or nothing)."""
        self.ensure_one()
        return self._prm_tier_items().base_pricelist_id[:1]

    def _prm_rebase(self, tier_pricelist):
        """Base the special prices on ``tier_pricelist`` (a new tier)."""
        self.ensure_one()
        pricelist = self.sudo()
        pricelist._prm_tier_items().unlink()
        specials = pricelist.item_ids.filtered("prm_price_request_id")
        if tier_pricelist:
            specials.write(
                {"base": "pricelist", "base_pricelist_id": tier_pricelist.id}
            )
            pricelist.write(
                {
                    "item_ids": [
                        fields.Command.create(self._prm_tier_item_vals(tier_pricelist))
                    ]
                }
            )
        else:
            specials.write({"base": "list_price", "base_pricelist_id": False})
