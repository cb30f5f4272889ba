# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The routed leads have their own address, /my/channel-leads: /my/leads is
also the page of Odoo's website_crm_partner_assign. Without that module the
/my/leads addresses the routed leads had before lead to theirs (the
coexistence with it is tested on the demo database, tests/odoo_demo)."""

from odoo import http
from odoo.tests import HttpCase, tagged

from ..controllers.leads import LEADS_URL, channel_leads_path
from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestLeadAddresses(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"].with_context(prm_no_auto_route=True)
        cls.lead = Lead.create(
            {"name": "Lead at its address", "partner_name": "Address Co"}
        )
        cls.lead._prm_assign_partner(cls.partner_a, "test")

    def setUp(self):
        super().setUp()
        assign = self.env["ir.module.module"].search(
            [("name", "=", "website_crm_partner_assign")]
        )
        if assign.state == "installed":
            self.skipTest("/my/leads belongs to website_crm_partner_assign here")

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def test_old_addresses_map_to_the_new_ones(self):
        self.assertEqual(LEADS_URL, "/my/channel-leads")
        for old, new in (
            ("/my/leads", "/my/channel-leads"),
            ("/my/leads/", "/my/channel-leads"),
            ("/my/leads/page/2", "/my/channel-leads/page/2"),
            ("/my/leads/7", "/my/channel-leads/7"),
            ("/my/leads/7/accept", "/my/channel-leads/7/accept"),
            ("/my/leads/7/decline", "/my/channel-leads/7/decline"),
            ("/my/leads/7/update", "/my/channel-leads/7/update"),
        ):
            self.assertEqual(channel_leads_path(old), new, old)
        for other in ("/my/lead/7", "/my/leads/7/delete", "/my/leadsx", "/my"):
            self.assertIsNone(channel_leads_path(other), other)

    def test_old_list_leads_to_the_new_one(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open("/my/leads?filterby=offered")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.url.endswith("/my/channel-leads?filterby=offered"), response.url
        )
        self.assertEqual(response.history[0].status_code, 307)
        self.assertIn("Lead at its address", response.text)
        response = self.url_open("/my/leads/page/1")
        self.assertTrue(response.url.endswith("/my/channel-leads/page/1"))

    def test_old_lead_page_and_answer_lead_to_the_new_ones(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(f"/my/leads/{self.lead.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/my/channel-leads/{self.lead.id}"))
        self.assertIn("Lead at its address", response.text)
        # a form posted to the old address is posted again to the new one
        response = self._post(f"/my/leads/{self.lead.id}/accept")
        self.assertEqual(response.history[0].status_code, 307)
        self.assertIn(
            f"/my/channel-leads/{self.lead.id}?message=accepted", response.url
        )
        self.assertEqual(self.lead.prm_acceptance, "accepted")

    def test_old_address_keeps_the_language(self):
        vietnamese = self.env["res.lang"]._activate_lang("vi_VN")
        self.env["website"].search([]).language_ids |= vietnamese
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(f"/vi/my/leads/{self.lead.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.url.endswith(f"/vi/my/channel-leads/{self.lead.id}"),
            response.url,
        )

    def test_cards_and_navigation_point_to_the_new_address(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        home = self.url_open("/my").text
        self.assertIn('href="/my/channel-leads"', home)
        self.assertNotIn('href="/my/leads"', home)
        dashboard = self.url_open("/my/partner").text
        self.assertIn('href="/my/channel-leads"', dashboard)
        self.assertIn('href="/my/channel-leads?filterby=offered"', dashboard)
        self.assertNotIn("/my/leads", dashboard)
