# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Special price requests: the portal form, the workflow, the pricelist rule
an approval creates (that partner, those products, that period), expiry,
the policy ceiling and who sees what."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PageAssertions, PrmShopCommon

NEW = "/my/price-requests/new"


@tagged("post_install", "-at_install")
class TestPriceRequests(PageAssertions, PrmShopCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registration = cls._registration()
        cls.registration.with_user(cls.reviewer).action_approve()
        cls.today = fields.Date.today()

    def _request(self, **values):
        vals = {
            "partner_id": self.partner_a.id,
            "registration_id": self.registration.id,
            "product_ids": [fields.Command.set(self.router.ids)],
            "discount": 10.0,
            "date_end": self.today + timedelta(days=30),
            "reason": "Competitor offer",
        }
        vals.update(values)
        request = self.env["prm.price.request"].create(vals)
        request._prm_submit()
        return request

    def _price(self, user, product):
        pricelist = user.partner_id.property_product_pricelist
        return pricelist._get_product_price(product, 1.0)

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------
    def test_portal_request_from_an_approved_registration(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open(NEW).text
        form = self._form_values(page, NEW)
        form.update(
            origin=f"registration-{self.registration.id}",
            products="PRM-SHOP-1, PRM-SHOP-2",
            discount="12,5",
            date_end=str(self.today + timedelta(days=60)),
            reason="Tender against a competitor",
        )
        response = self.url_open(NEW, data=form)
        request = self.env["prm.price.request"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertTrue(
            response.url.endswith(f"/my/price-requests/{request.id}?message=submitted")
        )
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.product_ids, self.router | self.switch)
        self.assertEqual(request.discount, 12.5)
        self.assertEqual(request.customer_name, self.registration.customer_name)
        self.assertTrue(request.activity_ids)
        self.assertIn(request.name, self.url_open("/my/price-requests").text)

    def test_portal_form_errors_and_round_trip(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open(NEW).text
        response = self.url_open(NEW, data=self._form_values(page, NEW))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please correct the highlighted fields.", response.text)
        form = self._form_values(page, NEW)
        form.update(
            origin=f"registration-{self.registration.id}",
            products="PRM-NOPE",
            discount="150",
            reason="x",
        )
        page = self.url_open(NEW, data=form).text
        self.assertIn("No product with the code PRM-NOPE.", page)
        self.assertIn("Please enter an amount of at most", page)
        # an origin that is not the partner's is not a choice
        other = self._registration(partner=self.partner_b, customer_vat="0109999999")
        form.update(
            origin=f"registration-{other.id}", products="PRM-SHOP-1", discount="5"
        )
        page = self.url_open(NEW, data=form).text
        self.assertIn("Please choose one of the proposed values.", page)
        self.assertFalse(self.env["prm.price.request"].search_count([]))

    def test_partner_never_sees_another_partners_special_prices(self):
        request = self._request()
        request.with_user(self.manager).action_approve()
        self.authenticate("prm_portal_b", "prm_portal_b")
        response = self.url_open(f"/my/price-requests/{request.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(request.name, self.url_open("/my/price-requests").text)
        self.assertAlmostEqual(self._price(self.portal_b, self.router), 100.0)
        with self.assertRaises(AccessError):
            request.with_user(self.portal_b).read(["name"])
        # nor its pricelist and rules, which the shop lets portal users read
        special = self.partner_a.prm_special_pricelist_id
        for user, visible in ((self.portal_b, 0), (self.portal_a, 1)):
            Item = self.env["product.pricelist.item"].with_user(user)
            self.assertEqual(
                Item.search_count([("prm_price_request_id", "=", request.id)]), visible
            )
            Pricelist = self.env["product.pricelist"].with_user(user)
            self.assertEqual(Pricelist.search_count([("id", "=", special.id)]), visible)
        self.assertTrue(
            self.env["product.pricelist"]
            .with_user(self.portal_b)
            .search_count([("id", "=", self.tier_pricelist.id)])
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.assertIn(
            request.name, self.url_open(f"/my/price-requests/{request.id}").text
        )

    # ------------------------------------------------------------------
    # Workflow and the rule it creates
    # ------------------------------------------------------------------
    def test_only_managers_approve_and_reject(self):
        request = self._request(date_end=False)
        request.state = "draft"
        for method in ("action_submit", "action_reset_draft"):
            with self.assertRaises(AccessError):
                getattr(request.with_user(self.portal_a), method)()
        request.with_user(self.prm_user).action_submit()
        request.date_end = self.today + timedelta(days=30)
        for user in (self.prm_user, self.salesman, self.portal_a):
            with self.assertRaises(AccessError):
                request.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.prm_user).write({"state": "approved"})
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_reject()
        request.reject_reason = "Margin too low"
        request.with_user(self.manager).action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.pricelist_item_ids)

    def test_approval_creates_a_rule_for_that_partner_products_and_period(self):
        request = self._request()
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.approved_by_id, self.manager)
        item = request.pricelist_item_ids
        pricelist = self.partner_a.prm_special_pricelist_id
        self.assertEqual(item.pricelist_id, pricelist)
        self.assertEqual(item.product_tmpl_id, self.router)
        self.assertEqual(item.date_end.date(), request.date_end)
        self.assertEqual(pricelist._prm_tier_base(), self.tier_pricelist)
        # the partner and its contact order with it: 10% off the tier price
        self.assertEqual(self.portal_a.partner_id.property_product_pricelist, pricelist)
        self.assertAlmostEqual(self._price(self.portal_a, self.router), 73.8)
        # other products keep the tier price, other partners the public one
        self.assertAlmostEqual(self._price(self.portal_a, self.switch), 41.0)
        self.assertAlmostEqual(self._price(self.portal_b, self.router), 100.0)
        # outside the period the tier price applies
        after = request.date_end + timedelta(days=1)
        self.assertAlmostEqual(
            pricelist._get_product_price(self.router, 1.0, date=after), 82.0
        )
        self.assertTrue(
            request.message_ids.filtered(lambda m: "is approved" in (m.body or ""))
        )

    def test_special_price_charged_in_the_cart(self):
        self._request().with_user(self.manager).action_approve()
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.router.product_variant_id.id, "add_qty": 1},
        )
        self.assertAlmostEqual(self._cart_of(self.portal_a).amount_untaxed, 73.8)

    def test_special_price_labelled_in_shop_product_page_and_cart(self):
        self._request().with_user(self.manager).action_approve()
        self.authenticate("prm_portal_a", "prm_portal_a")
        # 10% off the 18% tier price: 26.2% off the public price
        grid = self.url_open("/shop?search=PRM Shop").text
        self.assertIn("Special price -26.2%", grid)
        self.assertIn("73.80", grid)
        # the product without a special price keeps its tier label
        self.assertIn("Portal Test Gold price -18%", grid)
        page = self.url_open(self.router.website_url).text
        self.assertIn("Special price -26.2%", page)
        self.assertNotIn("Portal Test Gold price", page)
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.router.product_variant_id.id, "add_qty": 1},
        )
        cart = self.url_open("/shop/cart").text
        self.assertIn("Special price -26.2%", cart)
        self.assertNotIn("Portal Test Gold price", cart)
        # after its expiry date the product is back at the tier price
        self.env["product.pricelist.item"].search(
            [("prm_price_request_id", "!=", False)]
        ).write(
            {
                "date_start": fields.Datetime.now() - timedelta(days=3),
                "date_end": fields.Datetime.now() - timedelta(days=1),
            }
        )
        page = self.url_open(self.router.website_url).text
        self.assertIn("Portal Test Gold price -18%", page)
        self.assertNotIn("Special price", page)

    def test_approval_needs_an_expiry_date(self):
        request = self._request(date_end=False)
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_approve()

    def test_tier_change_rebases_the_special_prices(self):
        self._request().with_user(self.manager).action_approve()
        silver = self.env["product.pricelist"].create(
            {
                "name": "Portal Test Silver prices",
                "item_ids": [
                    fields.Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 5,
                        }
                    )
                ],
            }
        )
        self.tier.pricelist_id = silver
        pricelist = self.partner_a.prm_special_pricelist_id
        self.assertEqual(pricelist._prm_tier_base(), silver)
        self.assertEqual(self.portal_a.partner_id.property_product_pricelist, pricelist)
        self.assertAlmostEqual(self._price(self.portal_a, self.router), 85.5)
        self.assertAlmostEqual(self._price(self.portal_a, self.switch), 47.5)

    # ------------------------------------------------------------------
    # Expiry and ceiling
    # ------------------------------------------------------------------
    def test_expiry_cron_removes_the_rule(self):
        request = self._request(date_end=self.today)
        other = self._request(date_end=self.today + timedelta(days=5))
        (request | other).with_user(self.manager).action_approve()
        expired = self.env["prm.price.request"]._cron_expire(
            today=self.today + timedelta(days=1)
        )
        self.assertEqual(expired, request)
        self.assertEqual(request.state, "expired")
        self.assertFalse(request.pricelist_item_ids)
        self.assertEqual(other.state, "approved")
        self.assertTrue(other.pricelist_item_ids)

    def test_ceiling_checked_on_approval_and_shown(self):
        self.env.company.prm_price_ceiling = 20
        request = self._request()
        # 18% tier discount, then 10% more: 26.2% off the public price
        self.assertAlmostEqual(request.tier_discount, 18.0)
        self.assertAlmostEqual(request.effective_discount, 26.2)
        self.assertAlmostEqual(request.ceiling_excess, 6.2)
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "submitted")
        self.env.company.prm_price_ceiling = 30
        self.assertFalse(request.ceiling_excess)
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")

    def test_commission_rate_counts_in_the_ceiling(self):
        plan = self.env["prm.commission.plan"].create({"name": "Shop plan"})
        self.env["prm.commission.rule"].create(
            [
                {"name": "Resale", "plan_id": plan.id, "rate": 8.0},
                # special prices apply to the partner's own purchases: a
                # rule for sourced deals only is not in the ceiling
                {
                    "name": "Sourced",
                    "plan_id": plan.id,
                    "rate": 15.0,
                    "order_kind": "sourced",
                },
            ]
        )
        self.tier.commission_plan_id = plan
        self.env.company.prm_price_ceiling = 30
        request = self._request()
        self.assertAlmostEqual(request.commission_rate, 8.0)
        self.assertAlmostEqual(request.ceiling_excess, 4.2)
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_approve()

    def test_decided_request_cannot_change(self):
        request = self._request()
        request.with_user(self.manager).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.manager).write({"discount": 50})
        # not even through the superuser, as the portal writes
        with self.assertRaises(UserError):
            request.sudo().write({"product_ids": [(5,)]})
        with self.assertRaisesRegex(UserError, "Draft, Rejected"):
            request.with_user(self.manager).unlink()
        self.assertEqual(request.state, "approved")

    def test_special_pricelist_prices_a_page_in_a_fixed_number_of_queries(self):
        self._request().with_user(self.manager).action_approve()
        pricelist = self.partner_a.prm_special_pricelist_id
        few = self.router | self.switch
        many = few | self.env["product.template"].create(
            [
                {"name": f"PRM Page Product {n}", "list_price": 10.0 + n}
                for n in range(12)
            ]
        )
        pricelist._compute_price_rule(few, 1.0)  # warms Odoo's own caches
        queries_few = self._prm_query_count(pricelist._compute_price_rule, few, 1.0)
        queries_many = self._prm_query_count(pricelist._compute_price_rule, many, 1.0)
        self.assertEqual(queries_many, queries_few)
        prices = pricelist._compute_price_rule(many, 1.0)
        self.assertAlmostEqual(prices[self.router.id][0], 73.8)
        self.assertAlmostEqual(prices[many[-1].id][0], 21.0 * 0.82)

    def test_deal_page_links_to_a_request_for_it(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        link = f"/my/price-requests/new?origin=registration-{self.registration.id}"
        self.assertIn(link, self.url_open(f"/my/deals/{self.registration.id}").text)
        page = self.url_open(link).text
        form = self._form_values(page, NEW)
        self.assertEqual(form["origin"], f"registration-{self.registration.id}")
