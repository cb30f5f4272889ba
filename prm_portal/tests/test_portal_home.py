# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""/my cards, the partner portal navigation and the user menu entry."""

import re
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PORTAL_SECTIONS, PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalHome(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # partner A: commissions due and a valid certificate, but neither a
        # statement nor an enrollment
        cls.env["prm.commission.line"].create(
            {
                "partner_id": cls.partner_a.id,
                "source_key": "portal-home-test-1",
                "currency_id": cls.env.company.currency_id.id,
                "date": date.today(),
                "state": "confirmed",
                "amount": 120.0,
            }
        )
        cls.env["prm.certification"].create(
            {
                "partner_id": cls.partner_a.id,
                "contact_id": cls.contact_a.id,
                "type_id": cls.env["prm.certification.type"]
                .create({"name": "Home Test Cert", "validity_months": 12})
                .id,
            }
        )
        customer = cls.env["res.partner"].create({"name": "Plain Customer Co"})
        cls.customer_user = new_test_user(
            cls.env,
            login="prm_portal_customer",
            password="prm_portal_customer",
            groups="base.group_portal",
            partner_id=customer.id,
        )

    def _counters(self, names):
        return self.make_jsonrpc_request("/my/counters", {"counters": names})

    def test_commission_and_training_cards_without_statement_or_enrollment(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        counters = self._counters(["prm_commission_count", "prm_training_count"])
        self.assertGreater(counters["prm_commission_count"], 0)
        self.assertGreater(counters["prm_training_count"], 0)
        # partner B has neither: its cards stay hidden
        self.authenticate("prm_portal_b", "prm_portal_b")
        counters = self._counters(["prm_commission_count", "prm_training_count"])
        self.assertEqual(counters["prm_commission_count"], 0)
        self.assertEqual(counters["prm_training_count"], 0)

    def test_cards_have_pictograms(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        home = self.url_open("/my").text
        icons = set(re.findall(r'src="(/prm_portal/static/src/img/[^"]+\.svg)"', home))
        self.assertEqual(len(icons), 7, icons)
        for icon in icons:
            response = self.url_open(icon)
            self.assertEqual(response.status_code, 200, icon)
            self.assertIn(b"<svg", response.content)

    def test_every_partner_page_links_every_section(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for url in PORTAL_SECTIONS + ("/my/deals/new",):
            page = self.url_open(url).text
            nav = page[page.index("o_prm_nav") :]
            nav = nav[: nav.index("</ul>")]
            for section in PORTAL_SECTIONS:
                self.assertIn(f'href="{section}"', nav, (url, section))
            # the breadcrumbs lead back to the partner portal
            if url != "/my/partner":
                self.assertIn('<a href="/my/partner">Partner portal</a>', page, url)
            # the register button is outside the collapsible search bar
            self.assertIn('o_prm_new_deal" href="/my/deals/new"', page, url)

    def test_partner_portal_in_the_user_menu(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my").text
        self.assertRegex(page, r'<a[^>]*o_prm_user_menu[^>]*href="/my/partner"')
        # a customer without partnership sees neither the entry nor the cards
        self.authenticate("prm_portal_customer", "prm_portal_customer")
        page = self.url_open("/my").text
        self.assertNotIn("o_prm_user_menu", page)
        self.assertNotIn("/prm_portal/static/src/img/", page)
        self.assertNotIn("o_prm_nav", self.url_open("/my/deals").text)

    def test_suspended_partner_keeps_its_records_not_new_deals(self):
        self.partner_a.prm_stage = "suspended"
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/partner").text
        self.assertIn('href="/my/commissions"', page)
        self.assertNotIn("o_prm_new_deal", page)
        self.assertNotIn('href="/my/library"', page[page.index("o_prm_nav") :])
