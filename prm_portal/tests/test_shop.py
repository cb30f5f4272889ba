# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partners in the shop: the tier price shown and charged, their orders
attributed to them, the bulk order form and the reorder of a past order."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import PageAssertions, PrmShopCommon

QUICK = "/my/order/quick"


@tagged("post_install", "-at_install")
class TestShopPrices(PageAssertions, PrmShopCommon, HttpCase):
    def test_shop_shows_tier_price_next_to_public_price(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/shop?search=PRM Shop Router").text
        self.assertIn("Portal Test Gold price -18%", page)
        self.assertIn("82.00", page)
        self.assertIn("100.00", page)
        product_page = self.url_open(self.router.website_url).text
        self.assertIn("Portal Test Gold price -18%", product_page)

    def test_public_visitor_and_partner_without_tier_see_public_price(self):
        page = self.url_open("/shop?search=PRM Shop Router").text
        self.assertNotIn("o_prm_price_label", page)
        self.assertIn("100.00", page)
        self.authenticate("prm_portal_b", "prm_portal_b")
        page = self.url_open("/shop?search=PRM Shop Router").text
        self.assertNotIn("o_prm_price_label", page)

    def test_cart_charges_tier_price_and_order_is_the_partners(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.router.product_variant_id.id, "add_qty": 2},
        )
        cart = self._cart_of(self.portal_a)
        self.assertEqual(cart.pricelist_id, self.tier_pricelist)
        self.assertAlmostEqual(cart.amount_untaxed, 164.0)
        self.assertAlmostEqual(cart.amount_total, 164.0)
        self.assertIn("Portal Test Gold price -18%", self.url_open("/shop/cart").text)
        # the reseller's own purchase: attributed to it, counted in its revenue
        self.assertEqual(cart.prm_partner_id, self.partner_a)
        cart.action_confirm()
        self.assertEqual(cart.prm_tier_id, self.tier)
        yesterday = fields.Date.today() - timedelta(days=1)
        revenue = self.partner_a._prm_revenue_since(yesterday)
        self.assertAlmostEqual(revenue[self.partner_a.id], 164.0)
        self.assertIn(cart.name, self.url_open("/my/orders").text)


@tagged("post_install", "-at_install")
class TestQuickOrder(PageAssertions, PrmShopCommon, HttpCase):
    def _post(self, **values):
        page = self.url_open(QUICK)
        form = self._form_values(page.text, QUICK)
        form.update(values)
        return self.url_open(QUICK, data=form)

    def test_pasted_lines_go_to_the_cart_at_tier_price(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(
            lines="SKU\tQty\nPRM-SHOP-1\t3\nPRM-SHOP-2\t2",
            sku_0="PRM-SHOP-1",
            qty_0="1",
        )
        self.assertTrue(response.url.endswith("/shop/cart"))
        cart = self._cart_of(self.portal_a)
        quantities = {
            line.product_id.default_code: line.product_uom_qty
            for line in cart.order_line
        }
        self.assertEqual(quantities, {"PRM-SHOP-1": 4, "PRM-SHOP-2": 2})
        self.assertAlmostEqual(cart.amount_untaxed, 4 * 82 + 2 * 41)

    def test_form_submitted_unchanged_reshows_with_an_error(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Enter at least one product code and quantity.", response.text)

    def test_bad_lines_are_refused_line_by_line_and_nothing_is_added(self):
        self.router.prm_min_order_qty = 10
        self.authenticate("prm_portal_a", "prm_portal_a")
        text = "PRM-NOPE\t1\nPRM-SHOP-2\t-2\nPRM-SHOP-1\t3\nPRM-SHOP-2\tmany"
        response = self._post(lines=text)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Line 1: no product with the code PRM-NOPE.", page)
        self.assertIn("Line 2: PRM-SHOP-2: a quantity cannot be negative.", page)
        self.assertIn("Line 3: PRM-SHOP-1 is sold by at least 10.", page)
        self.assertIn("Line 4: PRM-SHOP-2: enter a quantity as a number.", page)
        # the text is kept for the partner to correct it
        self.assertIn("PRM-NOPE", page)
        self.assertFalse(self._cart_of(self.portal_a).order_line)

    def test_ten_thousand_lines_are_refused(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        text = "\n".join("PRM-SHOP-1\t1" for _n in range(10_000))
        response = self._post(lines=text)
        self.assertEqual(response.status_code, 200)
        self.assertIn("At most 500 lines per order: this one has 10000.", response.text)
        self.assertFalse(self._cart_of(self.portal_a).order_line)

    def test_unpublished_product_is_unknown(self):
        self.switch.is_published = False
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(lines="PRM-SHOP-2\t1")
        self.assertIn("no product with the code PRM-SHOP-2", response.text)

    def _confirmed_order(self, user, quantity):
        order = self.env["sale.order"].create(
            {
                "partner_id": user.partner_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.router.product_variant_id.id,
                            "product_uom_qty": quantity,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def test_reorder_fills_the_form_from_a_past_order(self):
        order = self._confirmed_order(self.portal_a, 4)
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.assertIn(
            f"/my/order/quick?reorder={order.id}",
            self.url_open(f"/my/orders/{order.id}").text,
        )
        page = self.url_open(f"{QUICK}?reorder={order.id}").text
        self.assertIn("PRM-SHOP-1\t4", page)
        form = self._form_values(page, QUICK)
        response = self.url_open(QUICK, data=form)
        self.assertTrue(response.url.endswith("/shop/cart"))
        self.assertEqual(self._cart_of(self.portal_a).order_line.product_uom_qty, 4)

    def test_reorder_of_another_partners_order_is_not_found(self):
        order = self._confirmed_order(self.portal_b, 2)
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(f"{QUICK}?reorder={order.id}")
        self.assertEqual(response.status_code, 404)

    def test_bulk_order_tour(self):
        self.env["product.template"].create(
            {
                "name": "PRM Tour Router",
                "default_code": "PRM-TOUR-1",
                "list_price": 200.0,
                "sale_ok": True,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
        )
        self.start_tour(QUICK, "prm_portal_quick_order", login="prm_portal_a")
        cart = self._cart_of(self.portal_a)
        self.assertEqual(cart.order_line.product_id.default_code, "PRM-TOUR-1")
        self.assertAlmostEqual(cart.amount_untaxed, 3 * 164.0)
