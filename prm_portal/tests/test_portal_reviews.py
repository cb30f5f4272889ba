# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business reviews on the portal: the partner reads its shared reviews and
downloads the scorecard; drafts and other partners' reviews stay hidden."""

from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PageAssertions, PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalReviews(PageAssertions, PrmPortalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        cls.plan = cls.env["prm.business.plan"].create(
            {
                "partner_id": cls.partner_a.id,
                "date_from": today,
                "kpi_ids": [Command.create({"kind": "registrations", "goal": 4})],
                "action_ids": [
                    Command.create(
                        {"name": "Quarterly pipeline call", "owner_side": "vendor"}
                    )
                ],
            }
        )
        cls._registration()
        Review = cls.env["prm.business.review"]
        cls.review = Review.create(
            {
                "partner_id": cls.partner_a.id,
                "date": today,
                "feedback": "<p>Great pipeline discipline</p>",
                "notes": "<p>Internal: margin worries</p>",
            }
        )
        cls.review.with_user(cls.prm_user).action_share()
        cls.draft = Review.create(
            {"partner_id": cls.partner_a.id, "date": date(2026, 1, 15)}
        )
        cls.review_b = Review.create({"partner_id": cls.partner_b.id, "date": today})
        cls.review_b.action_share()

    def test_partner_reads_its_shared_reviews(self):
        self.assertEqual(self.review.line_ids.actual, 1, "the registration counted")
        self.authenticate("prm_portal_a", "prm_portal_a")
        listing = self.url_open("/my/reviews")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f'href="/my/reviews/{self.review.id}"', listing.text)
        self.assertNotIn(f'href="/my/reviews/{self.draft.id}"', listing.text)
        self.assertNotIn(f'href="/my/reviews/{self.review_b.id}"', listing.text)
        page = self.url_open(f"/my/reviews/{self.review.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Great pipeline discipline", page.text)
        self.assertIn("Registrations Submitted", page.text)
        self.assertIn("Quarterly pipeline call", page.text)
        self.assertNotIn("margin worries", page.text)
        self.assertEqual(self.url_open(f"/my/reviews/{self.draft.id}").status_code, 404)

    def test_scorecard_pdf_as_owner_and_refused_to_others(self):
        url = f"/my/reviews/{self.review.id}?report_type=pdf"
        self.authenticate("prm_portal_a", "prm_portal_a")
        for download in (False, True):
            response = self.url_open(
                url + ("&download=true" if download else ""), timeout=60
            )
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            disposition = response.headers["Content-Disposition"]
            self.assertTrue(
                disposition.startswith("attachment" if download else "inline")
            )
            self.assertIn("Scorecard", disposition)
            # in test mode Odoo returns the report's HTML instead of the PDF
            self.assertIn(b"Great pipeline discipline", response.content)
            self.assertNotIn(b"margin worries", response.content)
        html = self.url_open(f"/my/reviews/{self.review.id}?report_type=html")
        self.assertIn("Partner Scorecard", html.text)
        self.authenticate("prm_portal_b", "prm_portal_b")
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/reviews/{self.review.id}").status_code, 404
        )
        self.assertEqual(
            self.url_open(
                f"/my/reviews/{self.review_b.id}?report_type=pdf"
            ).status_code,
            200,
        )

    def test_portal_user_cannot_read_drafts_nor_notes(self):
        Review = self.env["prm.business.review"].with_user(self.portal_a)
        self.assertEqual(Review.search([]), self.review)
        self.assertEqual(
            self.env["prm.business.review.line"].with_user(self.portal_a).search([]),
            self.review.line_ids,
        )
