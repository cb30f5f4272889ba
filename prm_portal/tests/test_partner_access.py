# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a partner's portal user may see and do: commissions the vendor
approved only, partner features only while the partnership is live, their own
exam link only, one agreement print."""

import base64
from datetime import date, timedelta

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.prm_training.tests.common import exam_values

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPartnerAccess(PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        currency = cls.env.company.currency_id
        Product = cls.env["product.product"]
        Line = cls.env["prm.commission.line"]
        cls.lines = {}
        for state in ("draft", "confirmed", "cancelled"):
            product = Product.create({"name": f"Commissioned {state} widget"})
            cls.lines[state] = Line.create(
                {
                    "partner_id": cls.partner_a.id,
                    "currency_id": currency.id,
                    "product_id": product.id,
                    "source_key": f"prm-portal-test:{state}",
                    "date": date(2026, 1, 15),
                    "amount": 100.0,
                    "state": state,
                }
            )
        Settlement = cls.env["prm.commission.settlement"]
        cls.settlements = {
            state: Settlement.create(
                {
                    "partner_id": cls.partner_a.id,
                    "currency_id": currency.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 1, 31),
                    "state": state,
                }
            )
            for state in ("draft", "approved", "cancelled")
        }
        cls.document = cls.env["prm.document"].create(
            {
                "name": "Roadmap for everybody",
                "category_id": cls.env["prm.document.category"]
                .create({"name": "Roadmaps"})
                .id,
                "datas": base64.b64encode(b"ROADMAP"),
                "filename": "roadmap.txt",
            }
        )

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    # ------------------------------------------------------------------
    # Commissions: neither draft nor cancelled
    # ------------------------------------------------------------------

    def test_portal_reads_no_draft_or_cancelled_commission(self):
        Line = self.env["prm.commission.line"].with_user(self.portal_a)
        self.assertEqual(Line.search([]), self.lines["confirmed"])
        Settlement = self.env["prm.commission.settlement"].with_user(self.portal_a)
        self.assertEqual(Settlement.search([]), self.settlements["approved"])

    def test_commission_page_lists_approved_figures_only(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/commissions").text
        self.assertIn("Commissioned confirmed widget", page)
        self.assertNotIn("Commissioned draft widget", page)
        self.assertNotIn("Commissioned cancelled widget", page)
        self.assertIn(
            f"/my/commissions/settlement/{self.settlements['approved'].id}", page
        )
        for state in ("draft", "cancelled"):
            self.assertNotIn(
                f"/my/commissions/settlement/{self.settlements[state].id}", page
            )

    def test_statement_of_unapproved_settlement_not_found(self):
        self.authenticate("prm_portal_a", "prm_portal_a")
        for state in ("draft", "cancelled"):
            response = self.url_open(
                f"/my/commissions/settlement/{self.settlements[state].id}"
                "?report_type=html"
            )
            self.assertEqual(response.status_code, 404, state)
        response = self.url_open(
            f"/my/commissions/settlement/{self.settlements['approved'].id}"
            "?report_type=html"
        )
        self.assertEqual(response.status_code, 200)

    # ------------------------------------------------------------------
    # Suspended and terminated partners
    # ------------------------------------------------------------------

    def test_suspended_partner_loses_library_and_deal_changes(self):
        deal = self._registration(partner=self.partner_a)
        self.authenticate("prm_portal_a", "prm_portal_a")
        download = f"/my/library/{self.document.id}/download"
        self.assertEqual(self.url_open(download).status_code, 200)
        self.assertIn(
            f"/my/deals/{deal.id}/edit", self.url_open(f"/my/deals/{deal.id}").text
        )
        for stage in ("suspended", "terminated"):
            self.partner_a.prm_stage = stage
            self.env.flush_all()
            # library: nothing listed, nothing served, nothing over RPC
            self.assertNotIn("Roadmap for everybody", self.url_open("/my/library").text)
            self.assertEqual(self.url_open(download).status_code, 404)
            self.assertFalse(
                self.env["prm.document"].with_user(self.portal_a).search([])
            )
            # the registration stays readable, with a clear message on edit
            page = self.url_open(f"/my/deals/{deal.id}")
            self.assertEqual(page.status_code, 200)
            self.assertNotIn(f"/my/deals/{deal.id}/edit", page.text)
            response = self._post(
                f"/my/deals/{deal.id}/edit",
                **{
                    "customer_name": "Rewritten by a former partner",
                    "customer_contact_name": "X",
                    "customer_email": "x@rewritten.example",
                    "expected_revenue": "1",
                    "date_close": (date.today() + timedelta(days=9)).isoformat(),
                },
            )
            self.assertIn("message=inactive", response.url)
            self.assertIn("Your partnership is not active", response.text)
            self.assertEqual(deal.customer_name, "Công ty TNHH Ánh Dương")
            self.assertEqual(
                self.url_open("/my/deals/new").status_code, 403, "no new deal"
            )
        # reactivated: everything is back, nothing was lost
        self.partner_a.prm_stage = "active"
        self.env.flush_all()
        self.assertEqual(self.url_open(download).status_code, 200)
        self.assertEqual(deal.state, "submitted")

    def test_suspended_partner_cannot_request_extension(self):
        deal = self._registration(partner=self.partner_a)
        deal.action_approve()
        deal.protected_until = date.today() + timedelta(days=5)
        self.partner_a.prm_stage = "suspended"
        self.env.flush_all()
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self._post(f"/my/deals/{deal.id}/extend", reason="Need time")
        self.assertIn("message=inactive", response.url)
        self.assertFalse(deal.extension_state)

    # ------------------------------------------------------------------
    # Trainings: the exam link is personal
    # ------------------------------------------------------------------

    def test_exam_link_shown_to_the_enrolled_contact_only(self):
        colleague_contact = self._prm_portal_user(
            self.partner_a, login="prm_portal_a2", name="Hoa A", email="hoa@a.example"
        ).partner_id
        survey = self.env["survey.survey"].create(exam_values("Portal Test Exam"))
        program = self.env["prm.training.program"].create(
            {
                "name": "Portal Test Program",
                "survey_id": survey.id,
                "certification_type_id": self.env["prm.certification.type"]
                .create({"name": "Portal Test Certification"})
                .id,
            }
        )
        Enrollment = self.env["prm.training.enrollment"]
        mine = Enrollment._prm_enroll(program, self.contact_a)
        theirs = Enrollment._prm_enroll(program, colleague_contact)
        self.assertTrue(mine.exam_access_url and theirs.exam_access_url)
        self.authenticate("prm_portal_a", "prm_portal_a")
        page = self.url_open("/my/trainings").text
        self.assertIn(f'href="{mine.exam_access_url}"', page)
        self.assertNotIn(f'href="{theirs.exam_access_url}"', page)
        self.assertNotIn(mine.sudo().survey_answer_id.access_token, page)

    # ------------------------------------------------------------------
    # Agreements: prm_partner's print, once
    # ------------------------------------------------------------------

    def test_agreement_has_one_print_and_portal_uses_it(self):
        reports = self.env["ir.actions.report"].search(
            [("model", "=", "prm.agreement"), ("binding_model_id", "!=", False)]
        )
        self.assertEqual(
            reports, self.env.ref("prm_partner.action_report_prm_agreement")
        )
        agreement = self.env["prm.agreement"].create(
            {
                "partner_id": self.partner_a.id,
                "type_id": self.env["prm.agreement.type"]
                .create({"name": "Portal Print Test"})
                .id,
                "state": "sent",
                "body": "<p>Printed terms</p>",
            }
        )
        self.authenticate("prm_portal_b", "prm_portal_b")
        response = self.url_open(f"/my/agreements/{agreement.id}?report_type=html")
        self.assertEqual(response.status_code, 404)
        self.authenticate("prm_portal_a", "prm_portal_a")
        response = self.url_open(f"/my/agreements/{agreement.id}?report_type=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Printed terms", response.text)
        # prm_partner's layout: the partner's signature block
        self.assertIn("For the partner", response.text)
