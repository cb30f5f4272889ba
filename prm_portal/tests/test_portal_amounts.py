# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Amounts are shown and read in the user's language, never in exponent
notation: what a form pre-fills, it accepts back unchanged."""

from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalAmounts(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = (
            cls.env["crm.lead"]
            .with_context(prm_no_auto_route=True)
            .create(
                {
                    "name": "Big opportunity",
                    "partner_name": "Big Customer",
                    "type": "lead",
                    "expected_revenue": 450_000_000,
                }
            )
        )
        cls.lead._prm_assign_partner(cls.partner_a, "test")
        cls.lead._prm_accept(cls.partner_a)
        cls.deal = cls._registration(
            expected_revenue=4_500_000_000,
            date_close=date.today() + timedelta(days=60),
        )

    def _lead_form(self, prefix=""):
        url = f"/my/channel-leads/{self.lead.id}"
        page = self.url_open(prefix + url).text
        # the website writes its links in the language of the page
        return self._form_values(page, f"{prefix}{url}/update")

    def _post(self, url, data):
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def test_lead_form_prefills_the_amount_it_accepts(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        form = self._lead_form()
        self.assertEqual(form["expected_revenue"], "450,000,000.00")
        # saved unchanged: accepted, nothing changes
        response = self._post(
            f"/my/channel-leads/{self.lead.id}/update", dict(form, action="save")
        )
        self.assertIn("message=updated", response.url)
        self.assertEqual(self.lead.expected_revenue, 450_000_000)
        # and marked won with the same value
        response = self._post(
            f"/my/channel-leads/{self.lead.id}/update",
            dict(self._lead_form(), action="won"),
        )
        self.assertIn("message=updated", response.url)
        self.assertTrue(self.lead.stage_id.is_won)
        self.assertEqual(self.lead.expected_revenue, 450_000_000)

    def test_deal_edit_form_round_trip(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/deals/{self.deal.id}/edit"
        form = self._form_values(self.url_open(url).text, url)
        self.assertEqual(form["expected_revenue"], "4,500,000,000.00")
        response = self._post(url, form)
        self.assertIn("message=updated", response.url)
        self.assertEqual(self.deal.expected_revenue, 4_500_000_000)

    def test_amounts_in_the_users_language(self):
        vietnamese = self.env["res.lang"]._activate_lang("vi_VN")
        self.env["website"].search([]).language_ids |= vietnamese
        self.portal_a.lang = "vi_VN"
        self.authenticate("prm_portal_a", "prm_portal_a")
        form = self._lead_form(prefix="/vi")
        self.assertEqual(form["expected_revenue"], "450.000.000,00")
        url = f"/vi/my/channel-leads/{self.lead.id}/update"
        response = self._post(url, dict(form, action="save"))
        self.assertIn("message=updated", response.url)
        self.assertEqual(self.lead.expected_revenue, 450_000_000)
        # "1.500" is fifteen hundred in Vietnamese (one and a half in English)
        self._post(url, dict(form, expected_revenue="1.500", action="save"))
        self.assertEqual(self.lead.expected_revenue, 1500)
        self.portal_a.lang = "en_US"
        self.authenticate("prm_portal_a", "prm_portal_a")
        self._post(
            f"/my/channel-leads/{self.lead.id}/update",
            dict(self._lead_form(), expected_revenue="1.500", action="save"),
        )
        self.assertEqual(self.lead.expected_revenue, 1.5)
