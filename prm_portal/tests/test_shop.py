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

    def test_each_variant_shows_its_own_price(self):
        size = self.env["product.attribute"].create(
            {
                "name": "PRM Size",
                "value_ids": [
                    Command.create({"name": "Small"}),
                    Command.create({"name": "Large"}),
                ],
            }
        )
        template = self.env["product.template"].create(
            {
                "name": "PRM Shop Rack",
                "list_price": 100.0,
                "is_published": True,
                "taxes_id": [Command.clear()],
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": size.id,
                            "value_ids": [Command.set(size.value_ids.ids)],
                        }
                    )
                ],
            }
        )
        large_value = template.attribute_line_ids.product_template_value_ids.filtered(
            lambda ptav: ptav.name == "Large"
        )
        large_value.price_extra = 50.0
        large = template.product_variant_ids.filtered(
            lambda variant: large_value in variant.product_template_attribute_value_ids
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        info = self.make_jsonrpc_request(
            "/website_sale/get_combination_info",
            {
                "product_template_id": template.id,
                "product_id": large.id,
                "combination": large.product_template_attribute_value_ids.ids,
                "add_qty": 1,
            },
        )
        # the tier's 18% off the large variant's 150.00
        self.assertAlmostEqual(info["price"], 123.0)
        self.assertAlmostEqual(info["list_price"], 150.0)
        self.assertEqual(info["prm_price_label"], "Portal Test Gold price -18%")
        self.make_jsonrpc_request(
            "/shop/cart/update_json", {"product_id": large.id, "add_qty": 1}
        )
        self.assertAlmostEqual(self._cart_of(self.portal_a).amount_untaxed, 123.0)
        self.assertIn("Portal Test Gold price -18%", self.url_open("/shop/cart").text)

    def test_on_hand_availability_next_to_the_partner_price(self):
        # stock stays optional: Odoo's website_sale_stock shows availability
        # when the vendor uses stock, and our price labels keep it
        if "is_storable" not in self.env["product.template"]._fields or (
            "show_availability" not in self.env["product.template"]._fields
        ):
            self.skipTest("website_sale_stock is not installed")
        self.router.write(
            {"is_storable": True, "show_availability": True, "available_threshold": 5}
        )
        variant = self.router.product_variant_id
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        self.env["stock.quant"]._update_available_quantity(
            variant, warehouse.lot_stock_id, 3
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        info = self.make_jsonrpc_request(
            "/website_sale/get_combination_info",
            {
                "product_template_id": self.router.id,
                "product_id": variant.id,
                "combination": [],
                "add_qty": 1,
            },
        )
        self.assertEqual(info["free_qty"], 3)
        self.assertTrue(info["show_availability"])
        self.assertAlmostEqual(info["price"], 82.0)
        self.assertEqual(info["prm_price_label"], "Portal Test Gold price -18%")
        page = self.url_open(self.router.website_url).text
        # the element Odoo's script writes "Only 3 Units left in stock" into
        self.assertIn("availability_messages", page)
        self.assertIn("Portal Test Gold price -18%", page)

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
class TestShopCheckoutCommission(PageAssertions, PrmShopCommon, HttpCase):
    """A reseller's own purchase in the shop, checked out on the portal and
    confirmed by the vendor's salesperson, earns the plan's resale rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["prm.commission.plan"].create(
            {"name": "Shop Test Plan", "basis": "order_confirmed"}
        )
        cls.env["prm.commission.rule"].create(
            [
                {
                    "name": "Sourced deals",
                    "plan_id": plan.id,
                    "rate": 10.0,
                    "order_kind": "sourced",
                },
                {
                    "name": "Own purchases",
                    "plan_id": plan.id,
                    "rate": 4.0,
                    "order_kind": "resale",
                },
            ]
        )
        cls.tier.commission_plan_id = plan
        # an address the checkout accepts, and the website's salesperson
        cls.partner_a.write(
            {
                "street": "12 Trang Tien",
                "city": "Ha Noi",
                "zip": "100000",
                "country_id": cls.country_vn.id,
            }
        )
        cls.contact_a.phone = "0903 111 222"
        cls.env["website"].get_current_website().salesperson_id = cls.salesman

    def test_portal_checkout_then_vendor_confirms_resale_commission(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.router.product_variant_id.id, "add_qty": 2},
        )
        self.assertEqual(self.url_open("/shop/checkout").status_code, 200)
        response = self.url_open("/shop/confirm_order")
        self.assertTrue(response.url.endswith("/shop/payment"), response.url)
        order = self._cart_of(self.portal_a)
        self.assertEqual(order.prm_partner_id, self.partner_a)
        self.assertAlmostEqual(order.amount_untaxed, 164.0)
        self.assertEqual(order.user_id, self.salesman)
        # the vendor's salesperson (no PRM group) confirms the quotation
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        lines = order.sudo().prm_commission_line_ids
        # the shipping line the checkout adds earns nothing
        self.assertTrue(order.order_line.filtered("is_delivery"))
        self.assertEqual(lines.order_line_id.product_id, self.router.product_variant_id)
        self.assertEqual(lines.rule_id.name, "Own purchases")
        self.assertEqual(lines.partner_id, self.partner_a)
        self.assertEqual(lines.customer_id, self.partner_a)
        self.assertAlmostEqual(lines.amount, 6.56)
        # the same product sold to an end customer the partner brought
        customer = self.env["res.partner"].create({"name": "Shop End Customer"})
        sourced = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "prm_partner_id": self.partner_a.id,
                "pricelist_id": self.tier_pricelist.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.router.product_variant_id.id,
                            "product_uom_qty": 2,
                        }
                    )
                ],
            }
        )
        sourced.action_confirm()
        sourced_lines = sourced.sudo().prm_commission_line_ids
        self.assertEqual(sourced_lines.rule_id.name, "Sourced deals")
        self.assertAlmostEqual(sourced_lines.amount, 16.4)
        self.assertIn(order.name, self.url_open("/my/orders").text)


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
