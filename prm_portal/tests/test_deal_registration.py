# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import PrmPortalCommon


@tagged("post_install", "-at_install")
class TestDealRegistration(PrmPortalCommon, TransactionCase):
    def test_keys_are_normalised_on_create(self):
        reg = self._registration(customer_vat="VN 0101-234-567")
        self.assertEqual(reg.prm_key_tax, "0101234567")
        self.assertEqual(reg.prm_key_domain, "anhduong.example")
        self.assertEqual(reg.prm_key_phone, "84903123456")
        self.assertEqual(reg.prm_key_name, "anhduong")
        self.assertTrue(reg.name.startswith("DR/"))

    def test_partner_manager_gets_a_review_activity(self):
        self.partner_a.prm_manager_id = self.reviewer
        reg = self._registration()
        self.assertEqual(reg.activity_ids.user_id, self.reviewer)

    def test_clean_registration_stays_submitted_and_holds_customer(self):
        reg = self._registration()
        self.assertEqual(reg.state, "submitted")
        self.assertFalse(reg.conflict_ids)
        self.assertTrue(reg.claim_active)

    def test_conflict_with_open_opportunity(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Anh Duong ERP",
                "type": "opportunity",
                "partner_name": "ANH DUONG Co., Ltd",
                "email_from": "ceo@gmail.com",
            }
        )
        reg = self._registration(customer_vat=False, customer_email="x@gmail.com")
        self.assertEqual(reg.state, "under_review")
        line = reg.conflict_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.kind, "lead")
        self.assertEqual(line.lead_id, lead)
        self.assertEqual(line.reason, "name")
        self.assertEqual(line.score, 50)
        self.assertEqual(line.reasons, "Same company name")
        self.assertEqual(reg.conflict_score, 50)

    def test_won_or_archived_leads_are_no_conflict(self):
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        self.env["crm.lead"].create(
            {"name": "won", "partner_name": "Anh Duong", "stage_id": won_stage.id}
        )
        self.env["crm.lead"].create(
            {"name": "lost", "partner_name": "Anh Duong", "active": False}
        )
        reg = self._registration()
        self.assertFalse(reg.conflict_ids)

    def test_conflict_with_customer_with_recent_order(self):
        customer = self.env["res.partner"].create(
            {"name": "Ánh Dương Trading", "is_company": True, "vat": "VN0101234567"}
        )
        buyer = self.env["res.partner"].create(
            {
                "name": "Purchasing",
                "parent_id": customer.id,
                "email": "buy@anhduong.example",
            }
        )
        product = self.env["product.product"].create(
            {"name": "Portal test product", "list_price": 10}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": buyer.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        reg = self._registration()
        line = reg.conflict_ids.filtered(lambda c: c.kind == "customer")
        # one line for the customer company, found through the order's contact
        self.assertEqual(len(line), 1)
        self.assertEqual(line.customer_id, customer)
        self.assertEqual(line.reason, "tax_id")
        self.assertEqual(line.score, 100)
        self.assertEqual(reg.state, "under_review")

    def test_customer_without_recent_order_is_no_conflict(self):
        self.env["res.partner"].create(
            {"name": "Anh Duong", "is_company": True, "vat": "0101234567"}
        )
        reg = self._registration()
        self.assertFalse(reg.conflict_ids)

    def test_second_partner_is_flagged_and_cannot_hold_customer(self):
        first = self._registration(partner=self.partner_a)
        second = self._registration(
            partner=self.partner_b,
            customer_name="Anh Duong JSC",
            customer_vat=False,
            customer_email="sales@anhduong.example",
            customer_phone=False,
        )
        self.assertEqual(first.state, "submitted")
        self.assertTrue(first.claim_active)
        self.assertEqual(second.state, "under_review")
        self.assertFalse(second.claim_active)
        line = second.conflict_ids
        self.assertEqual(line.kind, "registration")
        self.assertEqual(line.other_registration_id, first)
        self.assertEqual(line.other_partner_id, self.partner_a)
        self.assertEqual(line.criteria, "email_domain,name")
        self.assertEqual(line.score, 80)
        # the reviewer cannot approve the second while the first holds it
        with self.assertRaises(UserError):
            second.with_user(self.reviewer).action_approve()
        first.with_user(self.reviewer).with_context(
            prm_rejection_reason="Duplicate"
        ).action_reject()
        self.assertFalse(first.claim_active)
        second.with_user(self.reviewer).action_approve()
        self.assertEqual(second.state, "approved")
        self.assertTrue(second.claim_active)

    def test_other_company_neither_blocks_nor_shows(self):
        """A registration, lead or customer of company B neither blocks the
        claim in company A nor appears to company A's reviewer."""
        company_b = self.env["res.company"].create({"name": "Vendor B (test)"})
        self.env["crm.lead"].create(
            {
                "name": "Anh Duong in company B",
                "type": "opportunity",
                "partner_name": "Công ty TNHH Ánh Dương",
                "email_from": "it@anhduong.example",
                "company_id": company_b.id,
            }
        )
        in_b = self._registration(partner=self.partner_b, company_id=company_b.id)
        self.assertTrue(in_b.claim_active)
        self.assertEqual(in_b.conflict_ids.lead_id.company_id, company_b)
        in_a = self._registration(partner=self.partner_a)
        self.assertEqual(in_a.company_id, self.company)
        self.assertEqual(in_a.state, "submitted")
        self.assertTrue(in_a.claim_active)
        self.assertFalse(in_a.conflict_ids)
        # a second registration of the customer in company A is flagged
        again = self._registration(partner=self.partner_b)
        self.assertEqual(again.state, "under_review")
        self.assertFalse(again.claim_active)
        self.assertEqual(again.conflict_ids.other_registration_id, in_a)
        # the reviewer of company A approves, opening company A's records only
        in_a.with_user(self.reviewer).action_approve()
        self.assertEqual(in_a.lead_id.company_id, self.company)
        self.assertTrue(in_b.claim_active)

    def test_portal_user_sees_state_but_no_conflict(self):
        self._registration(partner=self.partner_b)
        reg = self._registration(partner=self.partner_a)
        self.assertTrue(reg.conflict_ids)
        as_portal = reg.with_user(self.portal_a)
        self.assertEqual(as_portal.state, "under_review")
        for field in ("conflict_ids", "conflict_score", "conflict_count"):
            with self.assertRaises(AccessError):
                as_portal.read([field])
        with self.assertRaises(AccessError):
            self.env["prm.deal.registration.conflict"].with_user(self.portal_a).search(
                []
            )
        # partner B's registration is invisible to A
        others = self.env["prm.deal.registration"].with_user(self.portal_a).search([])
        self.assertEqual(others, reg)

    def test_portal_user_cannot_write(self):
        reg = self._registration()
        with self.assertRaises(AccessError):
            reg.with_user(self.portal_a).write({"state": "approved"})

    @freeze_time("2026-03-01")
    def test_approval_creates_protected_opportunity(self):
        reg = self._registration(notes="<b>call</b> after Tet")
        reg.with_user(self.reviewer).action_approve()
        self.assertEqual(reg.state, "approved")
        self.assertEqual(reg.date_approved, date(2026, 3, 1))
        # tier protection: 60 days
        self.assertEqual(reg.protected_until, date(2026, 4, 30))
        lead = reg.lead_id
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.prm_partner_id, self.partner_a)
        self.assertEqual(lead.prm_protected_until, date(2026, 4, 30))
        self.assertEqual(lead.expected_revenue, 150_000_000)
        self.assertEqual(lead.partner_name, "Công ty TNHH Ánh Dương")
        # notes are escaped, never rendered as HTML
        self.assertIn("&lt;b&gt;call&lt;/b&gt;", str(lead.description))

    def test_approval_links_existing_unassigned_opportunity(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Existing",
                "type": "opportunity",
                "partner_id": self.env["res.partner"]
                .create({"name": "AD", "is_company": True, "vat": "0101234567"})
                .id,
            }
        )
        reg = self._registration()
        self.assertEqual(reg.conflict_ids.lead_id, lead)
        reg.with_user(self.reviewer).action_approve()
        self.assertEqual(reg.lead_id, lead)
        self.assertEqual(lead.prm_partner_id, self.partner_a)

    def test_approval_without_tier_uses_default_protection(self):
        with freeze_time("2026-03-01"):
            reg = self._registration(partner=self.partner_b)
            reg.with_user(self.reviewer).action_approve()
        self.assertEqual(reg.protected_until, date(2026, 3, 1) + timedelta(days=90))

    def test_reject_needs_reason(self):
        reg = self._registration()
        with self.assertRaises(UserError):
            reg.with_user(self.reviewer).action_reject()
        reg.with_user(self.reviewer).action_reject(reason="Existing customer")
        self.assertEqual(reg.state, "rejected")
        self.assertEqual(reg.rejection_reason, "Existing customer")
        with self.assertRaises(UserError):
            reg.with_user(self.reviewer).action_approve()

    def test_expiry_cron_and_single_extension(self):
        with freeze_time("2026-03-01"):
            reg = self._registration()
            reg.with_user(self.reviewer).action_approve()
        until = reg.protected_until
        with freeze_time("2026-03-10"):
            # too early: more than 30 days before the end
            with self.assertRaises(UserError):
                reg._prm_request_extension("need time")
        with freeze_time(until - timedelta(days=5)):
            reg._prm_request_extension("customer budget in May")
            self.assertEqual(reg.extension_state, "requested")
            with self.assertRaises(UserError):
                reg._prm_request_extension("again")
            reg.with_user(self.reviewer).action_grant_extension()
        self.assertEqual(reg.protected_until, until + timedelta(days=30))
        self.assertEqual(reg.lead_id.prm_protected_until, reg.protected_until)
        Registration = self.env["prm.deal.registration"]
        self.assertFalse(Registration._cron_expire(today=reg.protected_until))
        expired = Registration._cron_expire(
            today=reg.protected_until + timedelta(days=1)
        )
        self.assertEqual(expired, reg)
        self.assertEqual(reg.state, "expired")
        self.assertFalse(reg.claim_active)
        self.assertFalse(reg.lead_id.prm_protected_until)

    def test_won_and_lost_follow_opportunity(self):
        won = self._registration()
        won.with_user(self.reviewer).action_approve()
        won.lead_id.action_set_won()
        self.assertEqual(won.state, "won")
        self.assertFalse(won.claim_active)
        lost = self._registration(
            customer_name="Other Customer",
            customer_vat="0109999999",
            customer_email="a@other.example",
            customer_phone="0281234567",
        )
        lost.with_user(self.reviewer).action_approve()
        lost.lead_id.action_set_lost()
        self.assertEqual(lost.state, "lost")
        # a won or lost opportunity is not expired by the cron
        expired = self.env["prm.deal.registration"]._cron_expire(
            today=date.today() + timedelta(days=400)
        )
        self.assertFalse(expired & (won | lost))
        self.assertEqual((won | lost).mapped("state"), ["won", "lost"])

    def test_edit_rechecks_conflicts(self):
        reg = self._registration()
        self.assertEqual(reg.state, "submitted")
        self._registration(
            partner=self.partner_b,
            customer_name="Totally Different",
            customer_vat="0107777777",
            customer_email="a@different.example",
            customer_phone="0287777777",
        )
        reg.write({"customer_vat": "0107777777"})
        self.assertEqual(reg.state, "under_review")
        self.assertEqual(reg.conflict_ids.reason, "tax_id")
        self.assertFalse(reg.claim_active)

    def test_decided_registration_keeps_its_customer(self):
        reg = self._registration()
        reg.with_user(self.reviewer).action_approve()
        with self.assertRaises(UserError):
            reg.write({"customer_name": "Someone Else"})
