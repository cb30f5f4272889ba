# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestPortalTours(PrmPortalCommon, HttpCase):
    def test_register_deal_tour(self):
        self.start_tour("/my/deals", "prm_portal_register_deal", login="prm_portal_a")
        deal = self.env["prm.deal.registration"].search(
            [("customer_name", "=", "Tour Customer Co., Ltd")]
        )
        self.assertEqual(deal.partner_id, self.partner_a)
        self.assertEqual(deal.state, "submitted")
        self.assertEqual(deal.prm_key_tax, "0105550001")

    def test_conflicting_deal_flagged_for_reviewer(self):
        first = self._registration(
            partner=self.partner_a,
            customer_name="Khach Hang Tour JSC",
            customer_vat="0105550002",
            customer_email="director@khachhang-tour.example",
        )
        self.start_tour(
            "/my/deals/new", "prm_portal_conflicting_deal", login="prm_portal_b"
        )
        second = self.env["prm.deal.registration"].search(
            [("partner_id", "=", self.partner_b.id)]
        )
        self.assertEqual(second.state, "under_review")
        self.assertFalse(second.claim_active)
        conflict = second.with_user(self.reviewer).conflict_ids
        self.assertEqual(conflict.other_registration_id, first)
        self.assertEqual(conflict.reason, "tax_id")
        self.assertEqual(
            conflict.reasons,
            "Same tax ID, Same e-mail domain, Same phone number, Same company name",
        )
        self.assertEqual(conflict.score, 100)

    def test_library_download_tour(self):
        category = self.env["prm.document.category"].create({"name": "Tour docs"})
        document = self.env["prm.document"].create(
            {
                "name": "Tour price list",
                "category_id": category.id,
                "datas": base64.b64encode(b"TOUR PRICES"),
                "filename": "tour.txt",
            }
        )
        self.start_tour(
            "/my/library?search=Tour",
            "prm_portal_library_download",
            login="prm_portal_a",
        )
        self.assertEqual(document.download_ids.partner_id, self.partner_a)
        self.assertEqual(document.download_count, 1)

    def test_sign_agreement_tour(self):
        agreement = self.env["prm.agreement"].create(
            {
                "partner_id": self.partner_a.id,
                "type_id": self.env["prm.agreement.type"].create({"name": "Tour"}).id,
                "state": "sent",
                "body": "<p>Tour terms</p>",
            }
        )
        self.start_tour(
            "/my/agreements", "prm_portal_sign_agreement", login="prm_portal_a"
        )
        self.assertIn(agreement.state, ("signed", "active"))
        self.assertEqual(agreement.signer_name, "Lan Tour")
        self.assertTrue(agreement.signature)

    def test_fund_request_then_claim_tour(self):
        today = fields.Date.today()
        account = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", self.company.ids)],
            limit=1,
        )
        self.env["prm.fund.budget"].create(
            {
                "name": "Tour Fund",
                "date_from": today,
                "date_to": today + timedelta(days=30),
                "amount": 5000.0,
                "claim_deadline_days": 36500,
                "expense_account_id": account.id,
            }
        )
        self.start_tour("/my/funds", "prm_portal_fund_request", login="prm_portal_a")
        request = self.env["prm.fund.request"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.activity_type, "trade_show")
        self.assertEqual(request.requested_amount, 1500.0)
        request.with_user(self.manager).action_approve()
        self.start_tour("/my/funds", "prm_portal_fund_claim", login="prm_portal_a")
        claim = request.claim_ids
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.amount_claimed, 1000.0)
        self.assertEqual(claim.revenue, 9000.0)
        self.assertEqual(claim.attachment_ids.name, "tour-proof.pdf")


class PartnerJourneyMixin:
    """Data of the dashboard -> deal -> lead update tour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["prm.tier"].create(
            {"name": "Journey Platinum", "rank": 7322, "min_won_deals": 3}
        )
        cls.env["product.template"].create(
            [
                {"name": f"Journey {name}", "prm_partner_sellable": True}
                for name in (
                    "Router",
                    "Switch",
                    "Access Point",
                    "Firewall",
                    "Licence",
                    "Support",
                    "Training",
                )
            ]
        )
        cls.lead = (
            cls.env["crm.lead"]
            .with_context(prm_no_auto_route=True)
            .create(
                {
                    "name": "Journey opportunity",
                    "partner_name": "Journey Buyer",
                    "type": "lead",
                    "expected_revenue": 450_000_000,
                }
            )
        )
        cls.lead._prm_assign_partner(cls.partner_a, "test")
        cls.lead._prm_accept(cls.partner_a)

    def _journey(self):
        self.start_tour(
            "/my/partner", "prm_portal_partner_journey", login="prm_portal_a"
        )
        deal = self.env["prm.deal.registration"].search(
            [("customer_name", "=", "Journey Customer JSC")]
        )
        self.assertEqual(deal.partner_id, self.partner_a)
        self.assertEqual(deal.product_ids.name, "Journey Switch")
        self.assertEqual(deal.expected_revenue, 150_000_000)
        self.assertTrue(self.lead.stage_id.is_won)
        self.assertEqual(self.lead.expected_revenue, 450_000_000)


@tagged("post_install", "-at_install")
class TestPartnerJourneyTour(PartnerJourneyMixin, PrmPortalCommon, HttpCase):
    def test_partner_journey(self):
        self._journey()


@tagged("post_install", "-at_install")
class TestPartnerJourneyTourPhone(PartnerJourneyMixin, PrmPortalCommon, HttpCase):
    browser_size = "390x844"

    def test_partner_journey_on_a_phone(self):
        self._journey()

    def test_support_ticket_tour(self):
        self.env["prm.tier"].browse(self.tier.id).prm_support_response_hours = 8
        category = self.env["prm.document.category"].create({"name": "Tour help"})
        self.env["prm.document"].create(
            {
                "name": "Tour reset guide",
                "description": "Reset the router",
                "category_id": category.id,
                "kind": "url",
                "url": "https://docs.example/reset",
            }
        )
        self.start_tour(
            "/my/partner", "prm_portal_support_ticket", login="prm_portal_a"
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour router will not reset")]
        )
        self.assertEqual(ticket.partner_id, self.portal_a.partner_id)
        self.assertEqual(ticket.prm_sla_status, "waiting")
        self.assertEqual(ticket.prm_response_hours_due, 8)
