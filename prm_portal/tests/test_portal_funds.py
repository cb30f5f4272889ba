# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Market development funds on the portal, over HTTP as portal users: the
budget available, a request, a claim with its proof, and nothing of
another partner."""

import datetime
from unittest.mock import patch

from lxml import html as lxml_html

from odoo import Command, fields, http
from odoo.tests import HttpCase, tagged

from ..logic import uploads
from .common import PrmPortalCommon

PDF = b"%PDF-1.4 proof of performance"


@tagged("post_install", "-at_install")
class TestPortalFunds(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        account = cls.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", cls.company.ids)],
            limit=1,
        )
        cls.budget = cls.env["prm.fund.budget"].create(
            {
                "name": "Co-op Fund Portal",
                "date_from": today.replace(month=1, day=1),
                "date_to": today + datetime.timedelta(days=365),
                "amount": 5000.0,
                "participation_rate": 50.0,
                "claim_deadline_days": 30,
                "expense_account_id": account.id,
            }
        )
        cls.today = today

    def _post(self, url, files=None, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, files=files)

    def _request(self, partner=None, state="approved", amount=1000.0):
        request = self.env["prm.fund.request"].create(
            {
                "partner_id": (partner or self.partner_a).id,
                "budget_id": self.budget.id,
                "activity_type": "event",
                "description": "Roadshow in Hanoi",
                "date_start": self.today,
                "date_end": self.today + datetime.timedelta(days=1),
                "requested_amount": amount,
            }
        )
        if state in ("submitted", "approved"):
            request._prm_submit()
        if state == "approved":
            request.with_user(self.manager).action_approve()
        return request

    def _claim(self, request):
        attachment = self.env["ir.attachment"].create({"name": "p.pdf", "raw": PDF})
        return self.env["prm.fund.claim"].create(
            {
                "request_id": request.id,
                "line_ids": [Command.create({"description": "Hall", "amount": 100.0})],
                "attachment_ids": [Command.set(attachment.ids)],
            }
        )

    def _claim_form(self, **values):
        data = {
            "line_description_0": "Venue rental",
            "line_amount_0": "800",
            "line_date_0": self.today.isoformat(),
            "leads": "25",
            "revenue": "12000",
        }
        data.update(values)
        return data

    def test_overview_and_request_flow(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/funds")
        self.assertEqual(page.status_code, 200)
        document = lxml_html.fromstring(page.text)
        rows = document.xpath('//tr[hasclass("o_prm_fund_row")]')
        self.assertEqual(len(rows), 1)
        self.assertIn("Co-op Fund Portal", rows[0].text_content())
        # on a phone the same fund reads as a stacked item, the table is hidden
        stacked = document.xpath('//ul[hasclass("o_prm_stacked")]/li')
        self.assertEqual(len(stacked), 1)
        self.assertIn("Co-op Fund Portal", stacked[0].text_content())
        table = rows[0].xpath("ancestor::div[hasclass('table-responsive')]")
        self.assertIn("d-none", table[0].get("class"))
        form = self.url_open(f"/my/funds/request/new?budget_id={self.budget.id}")
        values = self._form_values(form.text, "/my/funds/request/new")
        self.assertEqual(values["budget_id"], str(self.budget.id))
        values.update(
            activity_type="trade_show",
            description="Booth at the IT fair",
            date_start=self.today.isoformat(),
            date_end=(self.today + datetime.timedelta(days=2)).isoformat(),
            requested_amount="1500",
            expected_leads="40",
        )
        response = self._post("/my/funds/request/new", **values)
        self.assertEqual(response.status_code, 200)
        request = self.env["prm.fund.request"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertIn(f"/my/funds/request/{request.id}", response.url)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.requested_amount, 1500.0)
        self.assertEqual(request.expected_leads, 40)
        self.assertTrue(request.activity_ids, "the managers are asked to review")
        # the manager decides; the partner reads the decision and its history
        request.with_user(self.manager).approved_amount = 1200.0
        request.with_user(self.manager).action_approve()
        page = self.url_open(f"/my/funds/request/{request.id}")
        document = lxml_html.fromstring(page.text)
        self.assertIn(
            "1,200.00",
            document.xpath('//dd[hasclass("o_prm_fund_approved")]')[0].text_content(),
        )
        history = document.xpath('//ul[hasclass("o_prm_fund_history")]/li')
        self.assertGreaterEqual(len(history), 2)
        self.assertIn("Approved", history[-1].text_content())
        self.assertTrue(document.xpath('//a[hasclass("o_prm_fund_claim_new")]'))
        # the remaining amount of the fund follows
        page = self.url_open("/my/funds")
        remaining = lxml_html.fromstring(page.text).xpath(
            '//td[hasclass("o_prm_fund_remaining")]'
        )[0]
        self.assertIn("3,800.00", remaining.text_content())

    def test_request_form_errors_keep_what_was_typed(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(
            "/my/funds/request/new",
            budget_id=str(self.budget.id),
            activity_type="event",
            description="Seminar for 200 resellers",
            date_start=self.today.isoformat(),
            date_end=(self.today - datetime.timedelta(days=1)).isoformat(),
            requested_amount="6000",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is available on this fund", response.text)
        self.assertIn("cannot end before it starts", response.text)
        values = self._form_values(response.text, "/my/funds/request/new")
        self.assertEqual(values["description"], "Seminar for 200 resellers")
        self.assertEqual(values["requested_amount"], "6000")
        self.assertFalse(
            self.env["prm.fund.request"].search(
                [("partner_id", "=", self.partner_a.id)]
            )
        )
        # a budget of another company or not open to the partner is refused
        self.budget.tier_ids = self.env["prm.tier"].create(
            {"name": "Other", "rank": 7322}
        )
        response = self._post(
            "/my/funds/request/new",
            budget_id=str(self.budget.id),
            activity_type="event",
            description="x",
            date_start=self.today.isoformat(),
            date_end=self.today.isoformat(),
            requested_amount="10",
        )
        self.assertIn("Please choose one of the proposed values.", response.text)

    def test_claim_with_proof(self):
        request = self._request()
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/funds/request/{request.id}/claim"
        self.assertEqual(self.url_open(url).status_code, 200)
        response = self._post(
            url,
            files={"proof": ("invoice.pdf", PDF, "application/pdf")},
            **self._claim_form(),
        )
        self.assertEqual(response.status_code, 200)
        claim = self.env["prm.fund.claim"].search([("request_id", "=", request.id)])
        self.assertEqual(len(claim), 1)
        self.assertIn(f"/my/funds/claim/{claim.id}", response.url)
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.amount_claimed, 800.0)
        self.assertEqual(claim.revenue, 12000.0)
        self.assertEqual(claim.attachment_ids.name, "invoice.pdf")
        self.assertEqual(claim.attachment_ids.res_id, claim.id)
        proof = self.url_open(
            f"/my/funds/claim/{claim.id}/proof/{claim.attachment_ids.id}"
        )
        self.assertEqual(proof.content, PDF)
        # approved by the manager: 50% of 800
        claim.with_user(self.manager).action_approve()
        self.assertEqual(claim.amount_approved, 400.0)
        self.assertEqual(claim.invoice_id.amount_total, 400.0)
        page = self.url_open(f"/my/funds/claim/{claim.id}")
        self.assertIn("400.00", page.text)

    def test_upload_limits_and_nothing_lost(self):
        request = self._request()
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/funds/request/{request.id}/claim"
        # a renamed executable is not a PDF
        response = self._post(
            url,
            files={"proof": ("invoice.pdf", b"MZ\x90\x00", "application/pdf")},
            **self._claim_form(),
        )
        self.assertIn("is not a PDF, PNG or JPEG file", response.text)
        values = self._form_values(response.text, url)
        self.assertEqual(values["line_description_0"], "Venue rental")
        self.assertEqual(values["revenue"], "12000")
        with patch.object(uploads, "MAX_SIZE", 10):
            response = self._post(
                url,
                files={"proof": ("big.pdf", PDF, "application/pdf")},
                **self._claim_form(),
            )
        self.assertIn("is larger than", response.text)
        response = self._post(url, **self._claim_form())
        self.assertIn("Attach at least one proof of performance.", response.text)
        self.assertFalse(request.claim_ids)
        # a good file with a bad expense: the file is kept for the next post
        response = self._post(
            url,
            files={"proof": ("photo.png", b"\x89PNG\r\n\x1a\n", "image/png")},
            **self._claim_form(line_amount_0="abc"),
        )
        self.assertIn("Please enter a number.", response.text)
        values = self._form_values(response.text, url)
        self.assertTrue(values.get("kept_proof"))
        response = self._post(url, **values | {"line_amount_0": "300"})
        claim = request.claim_ids
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.attachment_ids.name, "photo.png")
        self.assertEqual(claim.amount_claimed, 300.0)
        # a kept proof of another user is not taken
        other = self.env["ir.attachment"].create(
            {
                "name": "theirs.pdf",
                "raw": PDF,
                "res_model": "prm.fund.claim",
                "res_id": 0,
            }
        )
        other.generate_access_token()
        response = self._post(
            url, kept_proof=f"{other.id}:{other.access_token}", **self._claim_form()
        )
        self.assertIn("Attach at least one proof of performance.", response.text)

    def test_cross_partner_and_inactive_partner_get_404(self):
        request = self._request()
        claim = self._claim(request)
        self.authenticate("prm_portal_b", "prm_portal_b")
        for url in (
            f"/my/funds/request/{request.id}",
            f"/my/funds/request/{request.id}/claim",
            f"/my/funds/claim/{claim.id}",
            f"/my/funds/claim/{claim.id}/proof/{claim.attachment_ids.id}",
            "/my/funds/request/999999",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        response = self._post(
            f"/my/funds/request/{request.id}/claim",
            files={"proof": ("invoice.pdf", PDF, "application/pdf")},
            **self._claim_form(),
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(len(request.claim_ids), 1)
        page = self.url_open("/my/funds")
        self.assertNotIn(request.name, page.text)
        # a suspended partner no longer has the funds
        self.partner_a.prm_stage = "suspended"
        self.authenticate("prm_portal_a", "prm_portal_a")
        self.assertEqual(self.url_open("/my/funds").status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/funds/request/{request.id}").status_code, 404
        )

    def test_home_card_and_dashboard_line(self):
        self._request()
        self._request()
        self.authenticate("prm_portal_a", "prm_portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["prm_fund_count"]}
        )
        self.assertEqual(counters["prm_fund_count"], 2)
        home = self.url_open("/my")
        self.assertIn('href="/my/funds"', home.text)
        dashboard = self.url_open("/my/partner")
        self.assertIn("2 claims to submit before", dashboard.text)
        self.authenticate("prm_portal_b", "prm_portal_b")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["prm_fund_count"]}
        )
        self.assertEqual(counters["prm_fund_count"], 1, "the open budget")
        self.assertNotIn("claims to submit", self.url_open("/my/partner").text)

    def test_navigation_shows_funds_to_active_partners_only(self):
        self._request()
        self._request()
        self.authenticate("prm_portal_a", "prm_portal_a")

        def nav(url="/my/deals"):
            page = self.url_open(url).text
            nav = page[page.index("o_prm_nav") :]
            return nav[: nav.index("</ul>")]

        funds = nav()
        self.assertIn('href="/my/funds"', funds)
        # the badge counts the approved requests waiting for a claim
        entry = funds[funds.index('href="/my/funds"') :]
        entry = entry[: entry.index("</a>")]
        self.assertIn(">2<", entry.replace(" ", "").replace("\n", ""))
        # onboarding, suspended: the fund pages answer 404, the nav hides them
        for stage in ("onboarding", "suspended"):
            with self.subTest(stage=stage):
                self.partner_a.prm_stage = stage
                self.assertNotIn('href="/my/funds"', nav("/my/commissions"))

    def test_forms_submitted_unchanged_answer_with_form_errors(self):
        request = self._request()
        self.authenticate("prm_portal_a", "prm_portal_a")
        claims = self.env["prm.fund.claim"].search_count([])
        for form_url, action in (
            (
                f"/my/funds/request/new?budget_id={self.budget.id}",
                "/my/funds/request/new",
            ),
            (
                f"/my/funds/request/{request.id}/claim",
                f"/my/funds/request/{request.id}/claim",
            ),
        ):
            with self.subTest(form=action):
                values = self._form_values(self.url_open(form_url).text, action)
                values.pop("csrf_token", None)
                response = self._post(action, **values)
                # the same form again, with what is missing said, nothing saved
                self.assertEqual(response.status_code, 200)
                self.assertTrue(self._form_values(response.text, action))
                self.assertIn("alert-danger", response.text)
        self.assertEqual(
            self.env["prm.fund.request"].search_count(
                [("partner_id", "=", self.partner_a.id)]
            ),
            1,
        )
        self.assertEqual(self.env["prm.fund.claim"].search_count([]), claims)
