# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The largest amount a portal form accepts is written as money of the
form's currency, not as a bare number."""

from datetime import date, timedelta

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import format_amount

from .common import PrmPortalCommon

LIMIT = 10**13


@tagged("post_install", "-at_install")
class TestFormAmountLimits(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"].with_context(prm_no_auto_route=True)
        cls.lead = Lead.create({"name": "Limit lead", "partner_name": "Limit Co"})
        cls.lead._prm_assign_partner(cls.partner_a, "test")
        cls.lead._prm_accept(cls.partner_a)

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def _message(self, currency):
        text = format_amount(self.env, LIMIT, currency)
        return f"Please enter an amount of at most {text}."

    def test_deal_form(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(
            "/my/deals/new",
            customer_name="Limit Retail",
            customer_contact_name="Le Han",
            customer_email="han@limit-retail.example",
            customer_country_id=str(self.country_vn.id),
            expected_revenue=str(LIMIT + 1),
            date_close=(date.today() + timedelta(days=30)).isoformat(),
        )
        self.assertEqual(response.status_code, 200)
        currency = (self.partner_a.company_id or self.env.company).currency_id
        self.assertIn(self._html(self._message(currency)), self._html(response.text))
        self.assertFalse(
            self.env["prm.deal.registration"].search(
                [("customer_name", "=", "Limit Retail")]
            )
        )

    def test_lead_update(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(
            f"/my/channel-leads/{self.lead.id}/update",
            expected_revenue=str(LIMIT + 1),
            action="save",
        )
        self.assertEqual(response.status_code, 200)
        message = self._message(self.lead.company_currency)
        self.assertIn(self._html(message), self._html(response.text))
        self.assertEqual(self.lead.expected_revenue, 0)

    @staticmethod
    def _html(text):
        """``text`` with its no-break spaces written as spaces."""
        return text.replace("\xa0", " ").replace("&nbsp;", " ").replace("&#160;", " ")
