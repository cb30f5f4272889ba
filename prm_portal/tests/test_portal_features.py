# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What makes the portal worth a visit: the deal form, the dashboard's
targets and trend, the trainings page."""

from datetime import date, timedelta

from odoo import Command, fields, http
from odoo.tests import HttpCase, tagged

from .common import PageAssertions, PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalFeatures(PageAssertions, PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_a.country_id = cls.country_vn
        Product = cls.env["product.template"]
        cls.sold, cls.not_sold = Product.create(
            [
                {"name": "Partner Firewall X1", "prm_partner_sellable": True},
                {"name": "Internal Consulting Day"},
            ]
        )

    def _csrf(self):
        return http.Request.csrf_token(self)

    # ------------------------------------------------------------------
    # Deal form
    # ------------------------------------------------------------------

    def test_deal_form_offers_products_sold_through_partners(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/deals/new").text
        self.assertIn("Partner Firewall X1", page)
        self.assertNotIn("Internal Consulting Day", page)
        # the country of the partner is chosen, the currency is shown
        form = self._form_values(page, "/my/deals/new")
        self.assertEqual(form["customer_country_id"], str(self.country_vn.id))
        symbol = self.env.company.currency_id.symbol
        self.assertIn(f'<span class="input-group-text">{symbol}</span>', page)
        values = dict(
            form,
            customer_name="Product Test Customer",
            customer_contact_name="Le Product",
            customer_email="le@product-test.example",
            expected_revenue="25,000",
            date_close=(date.today() + timedelta(days=20)).isoformat(),
            product_ids=[str(self.sold.id)],
        )
        # a product the vendor does not sell through partners is refused
        refused = self.url_open(
            "/my/deals/new", data=dict(values, product_ids=[str(self.not_sold.id)])
        )
        self.assertIn("Please choose one of the proposed values.", refused.text)
        self.url_open("/my/deals/new", data=values)
        deal = self.env["prm.deal.registration"].search(
            [("customer_name", "=", "Product Test Customer")]
        )
        self.assertEqual(deal.product_ids, self.sold)
        self.assertEqual(deal.customer_country_id, self.country_vn)
        self.assertEqual(deal.expected_revenue, 25_000)

    # ------------------------------------------------------------------
    # Dashboard: targets and trend
    # ------------------------------------------------------------------

    def test_targets_as_money_with_period_and_achievement(self):
        product = self.env["product.product"].create(
            {"name": "Target Licence", "list_price": 1020.0, "taxes_id": False}
        )
        customer = self.env["res.partner"].create({"name": "Target Customer"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "prm_partner_id": self.partner_a.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": 1020.0,
                            "tax_id": False,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        today = fields.Date.today()
        self.env["prm.target"].create(
            {
                "partner_id": self.partner_a.id,
                "period_type": "quarter",
                "date_from": today,
                "kind": "revenue",
                "target": 1000.0,
            }
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/partner").text
        quarter = f"Q{(today.month - 1) // 3 + 1} {today.year}"
        self.assertIn(quarter, page)
        self.assertIn("achieved 102%", page)
        self.assertIn('<span class="oe_currency_value">1,020.00</span>', page)
        self.assertIn('<span class="oe_currency_value">1,000.00</span>', page)
        # this month's revenue in the 12-month trend
        trend = page[page.index("o_prm_trend_table") :]
        self.assertIn("1,020.00", trend)

    # ------------------------------------------------------------------
    # Trainings
    # ------------------------------------------------------------------

    def _program(self, **values):
        channel = self.env["slide.channel"].create(
            {"name": values.pop("course", "Partner Course 101")}
        )
        return self.env["prm.training.program"].create(
            {
                "name": "Open Sales Program",
                "enroll_stage": "onboarding",
                "auto_enroll": False,
                "course_line_ids": [Command.create({"channel_id": channel.id})],
                "certification_type_id": self.env["prm.certification.type"]
                .create({"name": f"{values.get('name', 'Open Sales')} Certificate"})
                .id,
                **values,
            }
        )

    def test_trainings_page_shows_the_required_programs_done(self):
        done, __ = (
            self._program(name="Required One", course="Required 1", is_required=True),
            self._program(name="Required Two", course="Required 2", is_required=True),
        )
        enrollment = self.env["prm.training.enrollment"].create(
            {"program_id": done.id, "contact_id": self.contact_a.id}
        )
        self.env["prm.certification"].create(
            {
                "partner_id": self.partner_a.id,
                "contact_id": self.contact_a.id,
                "type_id": done.certification_type_id.id,
                "issue_date": fields.Date.today(),
                "source": "training",
                "training_enrollment_id": enrollment.id,
            }
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/trainings").text
        progress = page[page.index("o_prm_required_progress") :]
        self.assertIn("1 of 2 required programs done", progress)
        self.assertIn('aria-valuenow="50"', progress)

    def test_enroll_and_start_a_program(self):
        program = self._program()
        gold_only = self._program(
            name="Gold Only Program",
            course="Gold Course",
            tier_ids=[
                Command.set(
                    self.env["prm.tier"]
                    .create({"name": "Feature Elite", "rank": 7999})
                    .ids
                )
            ],
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/trainings").text
        self.assertIn(f'action="/my/trainings/{program.id}/enroll"', page)
        self.assertNotIn(f'action="/my/trainings/{gold_only.id}/enroll"', page)
        response = self.url_open(
            f"/my/trainings/{program.id}/enroll", data={"csrf_token": self._csrf()}
        )
        self.assertIn("message=enrolled", response.url)
        enrollment = self.env["prm.training.enrollment"].search(
            [("program_id", "=", program.id)]
        )
        self.assertEqual(enrollment.contact_id, self.contact_a)
        self.assertEqual(enrollment.reason, "portal")
        self.assertIn("o_prm_start_program", response.text)
        self.assertIn(program.channel_ids.website_url, response.text)
        again = self.url_open(
            f"/my/trainings/{program.id}/enroll", data={"csrf_token": self._csrf()}
        )
        self.assertIn("message=already", again.url)
        # a program not meant for the partner cannot be forced
        forced = self.url_open(
            f"/my/trainings/{gold_only.id}/enroll", data={"csrf_token": self._csrf()}
        )
        self.assertEqual(forced.status_code, 404)
        # nor by a suspended partner
        self.partner_a.prm_stage = "suspended"
        refused = self.url_open(
            f"/my/trainings/{program.id}/enroll", data={"csrf_token": self._csrf()}
        )
        self.assertEqual(refused.status_code, 403)

    def test_certificates_read_well(self):
        cert_type = self.env["prm.certification.type"].create(
            {"name": "Feature Sales Expert", "validity_months": 12}
        )
        Certification = self.env["prm.certification"]
        today = date.today()
        for state, age in (("valid", 10), ("expiring", 350), ("expired", 400)):
            certification = Certification.create(
                {
                    "partner_id": self.partner_a.id,
                    "contact_id": self.contact_a.id,
                    "type_id": cert_type.id,
                    "issue_date": today - timedelta(days=age),
                }
            )
            certification.state = state
            self.assertEqual(certification.state, state)
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = " ".join(self.url_open("/my/trainings").text.split())
        self.assertIn("Feature Sales Expert", page)
        # the contact has its own column: not repeated in the name
        self.assertNotIn("Feature Sales Expert - Lan A", page)
        for badge, label in (
            ("text-bg-success", "Valid"),
            ("text-bg-warning", "Expiring"),
            ("text-bg-danger", "Expired"),
        ):
            self.assertIn(f'class="badge rounded-pill {badge}"> <span>{label}', page)
