# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business plans on the portal: the partner's contacts list, read and accept
their own plans over HTTP; other partners get a 404."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PageAssertions, PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalPlans(PageAssertions, PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["prm.business.plan"].create(
            {
                "partner_id": cls.partner_a.id,
                "date_from": date(2026, 4, 1),
                "objectives": "<p>Open the Da Nang market</p>",
                "kpi_ids": [
                    Command.create({"kind": "revenue", "goal": 5000}),
                    Command.create({"kind": "registrations", "goal": 6}),
                ],
                "action_ids": [
                    Command.create({"name": "Joint seminar", "owner_side": "vendor"})
                ],
            }
        )
        cls.plan_b = cls.env["prm.business.plan"].create(
            {
                "partner_id": cls.partner_b.id,
                "date_from": date(2026, 4, 1),
                "kpi_ids": [Command.create({"kind": "revenue", "goal": 1})],
            }
        )

    def test_registrations_submitted_count_in_the_kpi(self):
        self._registration()
        self._registration(customer_name="Other customer", customer_vat="0109999999")
        kpi = self.plan.kpi_ids.filtered(lambda k: k.kind == "registrations")
        kpi.plan_id.kpi_ids._prm_refresh_actuals()
        # submitted today, outside the plan's quarter unless today is in it
        today = date.today()
        expected = 2 if self.plan.date_from <= today <= self.plan.date_to else 0
        self.assertEqual(kpi.actual, expected)
        with self.subTest("a plan of this quarter counts them"):
            current = self.env["prm.business.plan"].create(
                {
                    "partner_id": self.partner_a.id,
                    "date_from": today,
                    "kpi_ids": [Command.create({"kind": "registrations", "goal": 4})],
                }
            )
            self.assertEqual(current.kpi_ids.actual, 2)
            self.assertEqual(current.kpi_ids.achievement, 50.0)

    def test_partner_lists_reads_and_accepts_its_plan(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        listing = self.url_open("/my/plans")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.plan.name, listing.text)
        self.assertNotIn(self.plan_b.name, listing.text)
        self.assertIn("To accept", listing.text)
        page = self.url_open(f"/my/plans/{self.plan.id}").text
        self.assertIn("Open the Da Nang market", page)
        self.assertIn("Registrations Submitted", page)
        self.assertIn("Joint seminar", page)
        action = f"/my/plans/{self.plan.id}/accept"
        form = self._form_values(page, action)
        response = self.url_open(action, data=form)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("?message=accepted"), response.url)
        self.assertIn("the business plan is accepted", response.text)
        self.assertEqual(self.plan.partner_accepted_by_id, self.portal_a)
        self.assertEqual(self.plan.state, "draft", "the vendor has not approved yet")
        # accepted once: no button, and posting again re-shows the page
        self.assertNotIn(action, response.text)
        again = self.url_open(action, data=form)
        self.assertEqual(again.status_code, 200)
        self.assertIn("You cannot accept this business plan.", again.text)
        # the vendor approves: agreed
        self.plan.with_user(self.prm_user).action_approve()
        self.assertEqual(self.plan.state, "agreed")

    def test_dashboard_shows_the_plan_of_the_period(self):
        current = self.env["prm.business.plan"].create(
            {
                "partner_id": self.partner_a.id,
                "date_from": date.today(),
                "kpi_ids": [Command.create({"kind": "won_deals", "goal": 3})],
            }
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/partner").text
        self.assertIn(f'href="/my/plans/{current.id}"', page)
        self.assertIn("o_prm_kpi_table", page)
        self.assertNotIn(f'href="/my/plans/{self.plan.id}"', page)

    def test_other_partner_gets_404_and_cannot_accept(self):
        self.authenticate("prm_portal_b", "prm_portal_b")
        self.assertEqual(self.url_open(f"/my/plans/{self.plan.id}").status_code, 404)
        page = self.url_open(f"/my/plans/{self.plan_b.id}").text
        form = self._form_values(page, f"/my/plans/{self.plan_b.id}/accept")
        response = self.url_open(f"/my/plans/{self.plan.id}/accept", data=form)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.plan.partner_accepted_by_id)

    def test_portal_user_reads_only_its_plans_and_writes_none(self):
        Plan = self.env["prm.business.plan"].with_user(self.portal_a)
        self.assertEqual(Plan.search([]), self.plan)
        self.assertEqual(
            self.env["prm.business.plan.kpi"].with_user(self.portal_a).search([]),
            self.plan.kpi_ids,
        )
        with self.assertRaises(AccessError):
            self.plan.with_user(self.portal_a).write({"state": "agreed"})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.portal_a).action_approve()
