# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The commission figures of the portal add up with its lists: settled means
an approved (invoiced, paid) statement; a draft statement is "in settlement,
awaiting approval"."""

from datetime import date

from lxml import html as lxml_html

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalCommissions(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.env.company.currency_id
        today = fields.Date.today()
        cls.this_year = date(today.year, 1, 1)
        cls.due = cls._line("due", 570.0)
        draft_lines = cls._line("draft-1", 2000.0) | cls._line("draft-2", 328.0)
        cls.draft = cls._settlement(draft_lines, "draft")

    @classmethod
    def _line(cls, key, amount, partner=None):
        return cls.env["prm.commission.line"].create(
            {
                "partner_id": (partner or cls.partner_a).id,
                "source_key": f"portal-commission-test-{key}",
                "currency_id": cls.currency.id,
                "date": cls.this_year,
                "state": "confirmed",
                "base_amount": amount * 10,
                "rate": 10.0,
                "amount": amount,
            }
        )

    @classmethod
    def _settlement(cls, lines, state, partner=None):
        return cls.env["prm.commission.settlement"].create(
            {
                "partner_id": (partner or cls.partner_a).id,
                "currency_id": cls.currency.id,
                "date_from": cls.this_year,
                "date_to": cls.this_year.replace(day=31),
                "line_ids": [Command.set(lines.ids)],
                "state": state,
            }
        )

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return lxml_html.fromstring(response.text)

    @staticmethod
    def _text(page, css_class):
        found = page.xpath(f'//*[contains(concat(" ", @class, " "), " {css_class} ")]')
        return " ".join(" ".join(node.text_content().split()) for node in found)

    def test_draft_statement_is_not_settled(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self._page("/my/commissions")
        self.assertIn("570.00", self._text(page, "o_prm_commission_pending"))
        awaiting = self._text(page, "o_prm_commission_awaiting")
        self.assertIn("2,328.00", awaiting)
        self.assertIn("awaiting approval", awaiting)
        settled = self._text(page, "o_prm_commission_settled")
        self.assertIn("0.00", settled)
        self.assertNotIn("2,328", settled)
        # the partner sees no statement, and not the draft one
        self.assertIn("No statement yet", page.text_content())
        self.assertNotIn(self.draft.name, page.text_content())
        # the lines listed add up to the figures above
        listed = [
            float(cell.text_content().split()[-1].replace(",", ""))
            for cell in page.xpath("//td[hasclass('o_prm_line_amount')]")
        ]
        self.assertEqual(sorted(listed), [328.0, 570.0, 2000.0])
        dashboard = self._page("/my/partner")
        self.assertIn("570.00", self._text(dashboard, "o_prm_commission_due"))
        self.assertNotIn("2,328", self._text(dashboard, "o_prm_commission_settled"))

    def test_approved_and_paid_statements_are_settled(self):
        approved = self._settlement(self._line("approved", 1000.0), "approved")
        self._settlement(self._line("paid", 250.0), "paid")
        self._settlement(self._line("cancelled", 99.0), "cancelled")
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self._page("/my/commissions")
        settled = self._text(page, "o_prm_commission_settled")
        self.assertIn("1,250.00", settled)
        self.assertRegex(settled, r"paid: \S+ 250\.00")
        self.assertIn(approved.name, page.text_content())
        self.assertNotIn(self.draft.name, page.text_content())
        # the other partner sees none of it
        self.authenticate("prm_portal_b", "prm_portal_b")
        page = self._page("/my/commissions")
        self.assertNotIn(approved.name, page.text_content())
        self.assertNotIn("570.00", self._text(page, "o_prm_commission_pending"))
