# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.http import request

from ..logic import special_prices


class ProductTemplate(models.Model):
    _inherit = "product.template"

    prm_partner_sellable = fields.Boolean(
        string="Sold Through Partners",
        help="Channel partners can name this product among the products of "
        "interest of the deals they register on the portal.",
    )
    prm_min_order_qty = fields.Float(
        string="Minimum Order Quantity",
        digits="Product Unit of Measure",
        help="Partners ordering on the portal's bulk order form order at least "
        "this quantity. 0 means no minimum.",
    )

    def _prm_shop_tier(self):
        """The tier whose prices the current website user sees, or None (a
        visitor, a customer, a partner without tier)."""
        user = self.env.user
        if user._is_public():
            return None
        partner = user.sudo().partner_id.commercial_partner_id
        if not partner.prm_is_partner or not partner.prm_tier_id:
            return None
        return partner.prm_tier_id

    def _prm_price_label(self, tier, public_price, price, special=False):
        """("Gold price -18%") of ``price`` against the public price, or
        "Special price -26%" for a product with a special price of the
        partner; None when there is no discount."""
        discount = special_prices.discount_percent(public_price, price)
        if not discount:
            return None
        if special:
            return self.env._(
                "Special price -%(discount)s%%", discount=format(discount, "g")
            )
        return self.env._(
            "%(tier)s price -%(discount)s%%",
            tier=tier.name,
            discount=format(discount, "g"),
        )

    def _prm_special_template_ids(self, pricelist):
        """Ids of the templates with a special price in effect now on
        ``pricelist`` (the shop's pricelist of the current user: only a
        partner's own special pricelist has any)."""
        pricelist = pricelist.sudo()
        if not pricelist.prm_partner_id:
            return set()
        now = fields.Datetime.now()
        items = pricelist.item_ids.filtered(
            lambda item: item.prm_price_request_id
            and (not item.date_start or item.date_start <= now)
            and (not item.date_end or item.date_end >= now)
        )
        return set(items.product_tmpl_id.ids)

    def _prm_cart_price_label(self, line):
        """The label of a cart line (its variant, its no-variant options)."""
        tier = self._prm_shop_tier()
        product = line.product_id
        if not tier or not product:
            return None
        order = line.order_id
        extra = sum(line.product_no_variant_attribute_value_ids.mapped("price_extra"))
        public = product.currency_id._convert(
            product.lst_price + extra,
            order.currency_id,
            order.company_id,
            fields.Date.context_today(self),
        )
        price = line.price_unit * (1 - (line.discount or 0.0) / 100)
        special = product.product_tmpl_id.id in self._prm_special_template_ids(
            order.pricelist_id
        )
        return self._prm_price_label(tier, public, price, special)

    def _prm_public_price(self, product, website, list_price=None):
        """Public price of ``product`` (template or variant) as the shop
        shows it: website currency, taxes as the website displays them."""
        currency = website.currency_id
        price = product.list_price if list_price is None else list_price
        price = product.currency_id._convert(
            price, currency, website.company_id, fields.Date.context_today(self)
        )
        taxes = product.sudo().taxes_id._filter_taxes_by_company(self.env.company)
        mapped = website.fiscal_position_id.sudo().map_tax(taxes)
        return self._apply_taxes_to_price(
            price, currency, taxes, mapped, product, website=website
        )

    def _get_sales_prices(self, website):
        # the shop grid: the partner price next to the public price
        result = super()._get_sales_prices(website)
        tier = self._prm_shop_tier()
        if not tier:
            return result
        specials = self._prm_special_template_ids(website.pricelist_id)
        for template in self:
            vals = result.get(template.id)
            if not vals:
                continue
            public = self._prm_public_price(template, website)
            label = self._prm_price_label(
                tier, public, vals["price_reduce"], template.id in specials
            )
            if label:
                vals["base_price"] = public
                vals["prm_price_label"] = label
        return result

    def _get_additionnal_combination_info(
        self, product_or_template, quantity, date, website
    ):
        # the product page: same label, against the public price of the
        # variant (its extras included), taxes as the page shows them
        info = super()._get_additionnal_combination_info(
            product_or_template, quantity, date, website
        )
        tier = self._prm_shop_tier() if request else None
        if not tier:
            return info
        list_price = (
            product_or_template.list_price
            + product_or_template._get_attributes_extra_price()
        )
        public = self._prm_public_price(
            product_or_template, website, list_price=list_price
        )
        template = (
            product_or_template.product_tmpl_id
            if product_or_template._name == "product.product"
            else product_or_template
        )
        special = template.id in self._prm_special_template_ids(website.pricelist_id)
        label = self._prm_price_label(tier, public, info["price"], special)
        if label:
            info.update(
                list_price=public, has_discounted_price=True, prm_price_label=label
            )
        return info
