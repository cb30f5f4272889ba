# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date, timedelta

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalPages(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deal_a = cls._registration(partner=cls.partner_a)
        cls.deal_b = cls._registration(
            partner=cls.partner_b,
            customer_name="Beta's Secret Customer",
            customer_vat="0108888888",
            customer_email="boss@secret-customer.example",
            customer_phone="0288888888",
        )
        Document = cls.env["prm.document"]
        category = cls.env["prm.document.category"].create({"name": "Test Category"})
        cls.doc_all = Document.create(
            {
                "name": "Price list for everybody",
                "category_id": category.id,
                "datas": base64.b64encode(b"PRICE LIST"),
                "filename": "prices.txt",
            }
        )
        cls.doc_b = Document.create(
            {
                "name": "Beta only",
                "category_id": category.id,
                "prm_audience": "partners",
                "prm_partner_ids": [(6, 0, cls.partner_b.ids)],
                "datas": base64.b64encode(b"SECRET"),
                "filename": "secret.txt",
            }
        )
        cls.doc_tier = Document.create(
            {
                "name": "Gold playbook",
                "category_id": category.id,
                "prm_audience": "tiers",
                "prm_tier_ids": [(6, 0, cls.tier.ids)],
                "kind": "url",
                "url": "https://playbook.example/gold",
            }
        )
        agreement_type = cls.env["prm.agreement.type"].create({"name": "Test Reseller"})
        cls.agreement_a, cls.agreement_b = cls.env["prm.agreement"].create(
            [
                {
                    "partner_id": partner.id,
                    "type_id": agreement_type.id,
                    "state": "sent",
                    "body": "<p>Terms</p>",
                }
                for partner in (cls.partner_a, cls.partner_b)
            ]
        )
        cls.settlement_b = cls.env["prm.commission.settlement"].create(
            {
                "partner_id": cls.partner_b.id,
                "currency_id": cls.env.company.currency_id.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 1, 31),
                "state": "approved",
            }
        )
        cert_type = cls.env["prm.certification.type"].create(
            {"name": "Test Sales Cert", "validity_months": 12}
        )
        cls.certification_b = cls.env["prm.certification"].create(
            {
                "partner_id": cls.partner_b.id,
                "contact_id": cls.contact_b.id,
                "type_id": cert_type.id,
            }
        )

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _deal_form(self, **values):
        form = {
            "customer_name": "Gamma Retail",
            "customer_vat": "0106666666",
            "customer_contact_name": "Tran Thi Gam",
            "customer_email": "gam@gamma-retail.example",
            "customer_phone": "+84 24 3666 6666",
            "customer_country_id": str(self.country_vn.id),
            "expected_revenue": "250.000.000",
            "date_close": (date.today() + timedelta(days=30)).isoformat(),
            "notes": "Needs 20 licences",
            "csrf_token": self._csrf(),
        }
        form.update(values)
        return form

    # ------------------------------------------------------------------
    # Access of partner A to partner B's records: 404 everywhere
    # ------------------------------------------------------------------

    def test_other_partner_records_are_not_found(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for url in (
            f"/my/deals/{self.deal_b.id}",
            f"/my/deals/{self.deal_b.id}/edit",
            f"/my/library/{self.doc_b.id}/download",
            f"/my/agreements/{self.agreement_b.id}",
            f"/my/agreements/{self.agreement_b.id}?report_type=pdf",
            f"/my/commissions/settlement/{self.settlement_b.id}",
            f"/my/certificates/{self.certification_b.id}",
            "/my/deals/999999999",
            "/my/library/999999999/download",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Secret", response.text, url)

    def test_other_partner_data_not_listed(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open("/my/deals")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.deal_a.name, response.text)
        self.assertNotIn("Secret Customer", response.text)
        library = self.url_open("/my/library").text
        self.assertIn("Price list for everybody", library)
        self.assertIn("Gold playbook", library)
        self.assertNotIn("Beta only", library)

    def test_sign_other_partner_agreement_refused(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.make_jsonrpc_request(
            f"/my/agreements/{self.agreement_b.id}/sign",
            {"name": "Intruder", "signature": base64.b64encode(b"x").decode()},
        )
        self.assertIn("error", response)
        self.assertEqual(self.agreement_b.state, "sent")

    def test_own_pages_render(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for url in (
            "/my",
            "/my/partner",
            "/my/deals",
            "/my/deals?filterby=live&sortby=value&search=Anh&search_in=customer",
            f"/my/deals/{self.deal_a.id}",
            "/my/deals/new",
            "/my/channel-leads",
            "/my/library",
            "/my/agreements",
            f"/my/agreements/{self.agreement_a.id}",
            "/my/commissions",
            "/my/trainings",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)

    def test_dashboard_content(self):
        self.partner_a.prm_tier_demotion_date = date(2030, 1, 15)
        self.authenticate("prm_portal_a", "prm_portal_a")
        text = self.url_open("/my/partner").text
        self.assertIn("Portal Test Gold", text)
        self.assertIn("Your tier will be lowered on", text)
        # the agreement waiting for a signature is linked
        self.assertIn(f"/my/agreements/{self.agreement_a.id}", text)
        self.assertNotIn(f"/my/agreements/{self.agreement_b.id}", text)
        # a non-partner portal user is sent back to /my
        self.partner_a.prm_is_partner = False
        response = self.url_open("/my/partner", allow_redirects=False)
        self.assertEqual(response.status_code, 303)

    def test_dashboard_shows_revenue_criterion_as_money(self):
        self.env["prm.tier"].create(
            {"name": "Portal Test Platinum", "rank": 7322, "min_revenue": 1234567}
        )
        self.authenticate("prm_portal_a", "prm_portal_a")
        text = self.url_open("/my/partner").text
        self.assertIn("Portal Test Platinum", text)
        self.assertIn("1,234,567.00", text)
        self.assertNotIn("1234567.0", text)

    def test_own_agreement_pdf(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(
            f"/my/agreements/{self.agreement_a.id}?report_type=pdf&download=true",
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # in test mode Odoo skips wkhtmltopdf and returns the report's HTML
        self.assertIn(self.agreement_a.name.encode(), response.content)
        self.assertIn(b"Terms", response.content)

    def test_counters(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "prm_deal_count",
                    "prm_agreement_count",
                    "prm_document_count",
                ]
            },
        )
        self.assertEqual(counters["prm_deal_count"], 1)
        self.assertEqual(counters["prm_agreement_count"], 1)
        visible = self.env["prm.document"].with_user(self.portal_a).search([])
        self.assertIn(self.doc_all, visible)
        self.assertNotIn(self.doc_b, visible)
        self.assertEqual(counters["prm_document_count"], len(visible))

    # ------------------------------------------------------------------
    # Library downloads
    # ------------------------------------------------------------------

    def test_download_counts_per_partner(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for __ in range(2):
            response = self.url_open(f"/my/library/{self.doc_all.id}/download")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, b"PRICE LIST")
        self.authenticate("prm_portal_b", "prm_portal_b")
        self.url_open(f"/my/library/{self.doc_all.id}/download")
        downloads = self.doc_all.download_ids
        self.assertEqual(
            {(d.partner_id, d.count) for d in downloads},
            {(self.partner_a, 2), (self.partner_b, 1)},
        )
        self.assertEqual(self.doc_all.download_count, 3)

    def test_link_document_redirects_and_tier_audience(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(
            f"/my/library/{self.doc_tier.id}/download", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response.headers["Location"], "https://playbook.example/gold")
        # partner B has no tier: outside the audience
        self.authenticate("prm_portal_b", "prm_portal_b")
        response = self.url_open(f"/my/library/{self.doc_tier.id}/download")
        self.assertEqual(response.status_code, 404)

    # ------------------------------------------------------------------
    # Deal form
    # ------------------------------------------------------------------

    def test_register_deal(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open("/my/deals/new", data=self._deal_form())
        self.assertEqual(response.status_code, 200)
        deal = self.env["prm.deal.registration"].search(
            [("customer_name", "=", "Gamma Retail")]
        )
        self.assertEqual(deal.partner_id, self.partner_a)
        self.assertEqual(deal.submitted_by_id, self.contact_a)
        self.assertEqual(deal.expected_revenue, 250_000_000)
        self.assertEqual(deal.state, "submitted")
        self.assertIn(f"/my/deals/{deal.id}", response.url)

    def test_invalid_form_keeps_input_and_shows_messages(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        count = self.env["prm.deal.registration"].search_count([])
        response = self.url_open(
            "/my/deals/new",
            data=self._deal_form(
                customer_email="not-an-email",
                expected_revenue="a lot",
                date_close="2001-01-01",
                customer_contact_name="",
                notes="x" * 2001,
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.env["prm.deal.registration"].search_count([]), count)
        text = response.text
        self.assertIn("Please enter a valid e-mail address.", text)
        self.assertIn("Please enter a number.", text)
        self.assertIn("The date cannot be in the past.", text)
        self.assertIn("This field is required.", text)
        self.assertIn("Please enter at most 2000 characters.", text)
        # the user's input is kept
        self.assertIn('value="Gamma Retail"', text)
        self.assertIn('value="not-an-email"', text)

    def test_html_is_escaped(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        payload = '<script>alert("x")</script>'
        self.url_open(
            "/my/deals/new",
            data=self._deal_form(customer_name=f"Evil {payload}", notes=payload),
        )
        deal = self.env["prm.deal.registration"].search(
            [("customer_name", "like", "Evil")]
        )
        self.assertTrue(deal)
        text = self.url_open(f"/my/deals/{deal.id}").text
        self.assertNotIn(payload, text)
        self.assertIn("&lt;script&gt;", text)

    def test_post_without_csrf_is_refused(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        form = self._deal_form()
        del form["csrf_token"]
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open("/my/deals/new", data=form)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.env["prm.deal.registration"].search(
                [("customer_name", "=", "Gamma Retail")]
            )
        )

    def test_edit_while_submitted_only(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(
            f"/my/deals/{self.deal_a.id}/edit",
            data=self._deal_form(customer_name="Anh Duong Renamed"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.deal_a.customer_name, "Anh Duong Renamed")
        self.deal_a.with_user(self.reviewer).action_approve()
        self.url_open(
            f"/my/deals/{self.deal_a.id}/edit",
            data=self._deal_form(customer_name="Too late"),
        )
        self.assertEqual(self.deal_a.customer_name, "Anh Duong Renamed")

    def test_partner_discusses_own_registration_only(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open(f"/my/deals/{self.deal_a.id}").text
        self.assertIn('data-res_model="prm.deal.registration"', page)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "prm.deal.registration",
                "thread_id": self.deal_a.id,
                "post_data": {"body": "Can you speed up?", "message_type": "comment"},
            },
        )
        self.assertIn(
            "Can you speed up?", "".join(self.deal_a.message_ids.mapped("body"))
        )
        with self.assertRaises(JsonRpcException) as refused:
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "prm.deal.registration",
                    "thread_id": self.deal_b.id,
                    "post_data": {"body": "Intrusion", "message_type": "comment"},
                },
            )
        self.assertIn("NotFound", refused.exception.args[0])
        self.assertNotIn("Intrusion", "".join(self.deal_b.message_ids.mapped("body")))

    def test_extension_request(self):
        self.deal_a.with_user(self.reviewer).action_approve()
        self.authenticate("prm_portal_a", "prm_portal_a")
        url = f"/my/deals/{self.deal_a.id}/extend"
        data = {"reason": "Budget approved in June", "csrf_token": self._csrf()}
        # 60 days of protection left: too early
        response = self.url_open(url, data=data)
        self.assertIn(
            "An extension can be requested during the last 30 days", response.text
        )
        self.env.invalidate_all()
        self.assertFalse(self.deal_a.extension_state)
        self.deal_a.protected_until = date.today() + timedelta(days=10)
        response = self.url_open(url, data=data)
        self.assertIn("message=extension", response.url)
        self.env.invalidate_all()
        self.assertEqual(self.deal_a.extension_state, "requested")
        self.assertEqual(self.deal_a.extension_reason, "Budget approved in June")

    def test_non_partner_portal_user_cannot_register(self):
        self.partner_a.prm_stage = "suspended"
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open("/my/deals/new", data=self._deal_form())
        self.assertEqual(response.status_code, 403)

    # ------------------------------------------------------------------
    # Agreements
    # ------------------------------------------------------------------

    def test_sign_agreement(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        # a 1x1 PNG image
        signature = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQAB"
            "pfZFQAAAAABJRU5ErkJggg=="
        )
        result = self.make_jsonrpc_request(
            f"/my/agreements/{self.agreement_a.id}/sign",
            {"name": "Lan A", "signature": signature},
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertIn(self.agreement_a.state, ("signed", "active"))
        self.assertEqual(self.agreement_a.signer_name, "Lan A")
        again = self.make_jsonrpc_request(
            f"/my/agreements/{self.agreement_a.id}/sign",
            {"name": "Lan A", "signature": signature},
        )
        self.assertIn("error", again)

    # ------------------------------------------------------------------
    # Scale: list pages
    # ------------------------------------------------------------------

    def _open(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)

    def test_deal_list_query_count_is_bounded(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        self._open("/my/deals")  # warm caches
        few = self._prm_query_count(self._open, "/my/deals")
        Registration = self.env["prm.deal.registration"].with_context(
            tracking_disable=True
        )
        Registration.create(
            [
                {
                    "partner_id": self.partner_a.id,
                    "customer_name": f"Bulk customer {i}",
                    "customer_email": f"c{i}@bulk{i}.example",
                    "expected_revenue": i,
                }
                for i in range(500)
            ]
        )
        self._open("/my/deals")
        # 500 more deals: at most 3 more queries, and fewer than 80
        with self.assertQueryCount(min(few + 3, 79)):
            self._open("/my/deals")
