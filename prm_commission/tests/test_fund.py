# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .fund_common import FundCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10")
class TestFunds(FundCase):
    def test_budget_figures(self):
        first = self._approved(amount=3000.0)
        self._approved(amount=2000.0, approved=1500.0)
        self._request(amount=9000.0)._prm_submit()  # submitted: holds nothing
        self.assertEqual(self.budget.requested_amount, 4500.0)
        self.assertEqual(self.budget.remaining_amount, 5500.0)
        claim = self._claim(first, amounts=(1000.0, 400.0))
        self.assertEqual(claim.amount_claimed, 1400.0)
        self.assertEqual(self.budget.claimed_amount, 0.0, "not approved yet")
        claim.with_user(self.manager).action_approve()
        self.assertEqual(self.budget.claimed_amount, 700.0)
        self.assertEqual(self.budget.paid_amount, 0.0)
        self.assertEqual(first.claimable_amount, 2300.0)
        self.assertEqual(self.budget.remaining_amount, 5500.0)

    def test_approval_beyond_remaining_is_refused(self):
        self._approved(amount=8000.0)
        over = self._request(amount=2500.0)
        over._prm_submit()
        with self.assertRaisesText(UserError, "cannot be approved"):
            over.with_user(self.manager).action_approve()
        self.assertEqual(over.state, "submitted")
        # a lower amount that fits is accepted
        over.with_user(self.manager).approved_amount = 2000.0
        over.with_user(self.manager).action_approve()
        self.assertEqual(self.budget.remaining_amount, 0.0)
        self.assertEqual(over.approved_amount, 2000.0)

    def test_allocation_caps_a_partner(self):
        self.budget.allocation_ids = [
            (0, 0, {"partner_id": self.partner_gold.id, "amount": 1500.0})
        ]
        self._approved(amount=1000.0)
        request = self._request(amount=600.0)
        request._prm_submit()
        with self.assertRaisesText(UserError, "Only"):
            request.with_user(self.manager).action_approve()
        # without an allocation, a partner may not draw on an allocated budget
        with self.assertRaises(ValidationError):
            self._request(partner=self.partner_silver)
        with self.assertRaises(ValidationError):
            self.budget.allocation_ids[0].amount = 20_000.0

    def test_eligibility_and_activity_types(self):
        self.budget.tier_ids = self.tier_gold
        with self.assertRaises(ValidationError):
            self._request(partner=self.partner_silver)
        self.budget.allow_print = False
        with self.assertRaises(ValidationError):
            self._request(activity_type="print")
        self.assertTrue(self._request(activity_type="event"))

    def test_eligible_partner_types(self):
        # the Gold partner is a reseller
        types = self.env["prm.partner.type"]
        distributor = types.search([("code", "=", "distributor")])
        reseller = types.search([("code", "=", "reseller")])
        self.budget.partner_type_ids = distributor
        with self.assertRaises(ValidationError):
            self._request()
        self.budget.partner_type_ids = distributor | reseller
        self.assertTrue(self._request())

    def test_participation_rate_and_claim_cap(self):
        request = self._approved(amount=1000.0)
        first = self._claim(request, amounts=(1200.0,))
        first.with_user(self.manager).action_approve()
        self.assertEqual(first.participation_rate, 50.0)
        self.assertEqual(first.amount_approved, 600.0)
        # 50% of 2000 is 1000 but only 400 is left on the request
        second = self._claim(request, amounts=(2000.0,))
        second.with_user(self.manager).action_approve()
        self.assertEqual(second.amount_approved, 400.0)
        self.assertEqual(request.claimable_amount, 0.0)
        with self.assertRaisesText(UserError, "was claimed"):
            self._claim(request)

    def test_claim_needs_proof_approved_request_and_deadline(self):
        request = self._request()
        with self.assertRaisesText(UserError, "approved requests only"):
            self._claim(request)
        request._prm_submit()
        request.with_user(self.manager).action_approve()
        with self.assertRaises(ValidationError):
            self._claim(request, attachment_ids=[])
        with freeze_time("2026-04-02"), self.assertRaisesText(UserError, "deadline"):
            self._claim(request)
        self.assertEqual(request.claim_deadline, datetime.date(2026, 4, 1))

    def test_bill_and_payment_state(self):
        request = self._approved(amount=1000.0)
        claim = self._claim(request, amounts=(800.0,))
        claim.with_user(self.manager).action_approve()
        bill = claim.invoice_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.partner_gold)
        self.assertEqual(bill.amount_total, 400.0)
        self.assertEqual(bill.invoice_line_ids.account_id, self.expense_account)
        self.assertEqual(bill.prm_fund_claim_ids, claim)
        bill.invoice_date = datetime.date(2026, 3, 10)
        bill.action_post()
        self.assertEqual(claim.state, "approved")
        self._pay(bill)
        self.assertEqual(claim.state, "paid")
        self.assertEqual(claim.amount_paid, 400.0)
        self.assertEqual(claim.roi, 15.0)
        self.assertEqual(self.budget.paid_amount, 400.0)
        bill.line_ids.remove_move_reconcile()
        self.assertEqual(claim.state, "approved")
        self.assertEqual(self.budget.paid_amount, 0.0)

    def test_roi_of_a_group_is_its_revenue_over_its_paid_amount(self):
        request = self._approved(amount=5000.0)
        high = self._claim(request, amounts=(800.0,), revenue=6000.0)
        low = self._claim(request, amounts=(2000.0,), revenue=1000.0)
        # paid as the bills' payment would leave them: 400 and 1000
        high.write({"state": "paid", "amount_approved": 400.0})
        low.write({"state": "paid", "amount_approved": 1000.0})
        self.assertEqual((high.roi, low.roi), (15.0, 1.0))
        [(roi,)] = (
            self.env["prm.fund.claim"]
            .with_user(self.manager)
            ._read_group([("id", "in", (high | low).ids)], [], ["roi:avg"])
        )
        self.assertAlmostEqual(roi, 7000.0 / 1400.0)  # not (15 + 1) / 2

    def test_no_expense_account_no_approval(self):
        self.budget.expense_account_id = False
        claim = self._claim(self._approved())
        with self.assertRaisesText(UserError, "expense account"):
            claim.with_user(self.manager).action_approve()
        self.assertEqual(claim.state, "submitted")

    def test_user_prepares_manager_decides(self):
        request = self._request(user=self.prm_user)
        request.with_user(self.prm_user).action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertTrue(request.activity_ids)
        for action in ("action_approve", "action_reject"):
            with self.assertRaises(AccessError):
                getattr(request.with_user(self.prm_user), action)()
        with self.assertRaises(AccessError):
            request.with_user(self.prm_user).write({"state": "approved"})
        with self.assertRaises(AccessError):
            request.with_user(self.prm_user).approved_amount = 5.0
        with self.assertRaises(AccessError):
            self._request(user=self.prm_user, state="approved")
        with self.assertRaises(AccessError):
            self._request(user=self.salesman)
        # a rejection needs a reason, and tells the partner
        with self.assertRaisesText(UserError, "reason"):
            request.with_user(self.manager).action_reject()
        request.with_user(self.manager).reject_reason = "Outside the fund's scope"
        request.with_user(self.manager).action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.activity_ids)
        message = request.message_ids.filtered(
            lambda m: self.partner_gold in m.partner_ids
        )
        self.assertIn("Outside the fund", message[:1].body)
        claim_request = self._approved()
        claim = self._claim(claim_request, user=self.prm_user)
        with self.assertRaises(AccessError):
            claim.with_user(self.prm_user).action_approve()
        with self.assertRaises(AccessError):
            claim.with_user(self.prm_user).write({"state": "paid"})

    def test_portal_reads_own_records_only(self):
        request = self._approved()
        claim = self._claim(request)
        silver_budget_request = self._request(partner=self.partner_silver)
        Request = self.env["prm.fund.request"].with_user(self.portal_gold)
        self.assertEqual(Request.search([]), request)
        self.assertEqual(
            self.env["prm.fund.claim"].with_user(self.portal_gold).search([]), claim
        )
        with self.assertRaises(AccessError):
            silver_budget_request.with_user(self.portal_gold).read(["name"])
        with self.assertRaises(AccessError):
            request.with_user(self.portal_gold).write({"description": "x"})
        with self.assertRaises(AccessError):
            request.with_user(self.portal_gold).action_approve()
        # a suspended partner sees nothing
        self.partner_gold.prm_stage = "suspended"
        self.assertFalse(Request.search([]))

    def test_cancel_and_unlink(self):
        request = self._approved()
        with self.assertRaises(AccessError):
            request.with_user(self.prm_user).action_cancel()
        request.with_user(self.manager).action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(self.budget.remaining_amount, 10_000.0)
        other = self._approved()
        self._claim(other)
        with self.assertRaisesText(UserError, "with claims"):
            other.with_user(self.manager).action_cancel()
        with self.assertRaises(UserError):
            other.unlink()

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other MDF Co"})
        foreign = self.env["prm.fund.budget"].create(
            {
                "name": "Foreign fund",
                "company_id": other.id,
                "currency_id": other.currency_id.id,
                "date_from": datetime.date(2026, 1, 1),
                "date_to": datetime.date(2026, 12, 31),
                "amount": 100.0,
            }
        )
        Budget = self.env["prm.fund.budget"].with_user(self.manager)
        self.assertIn(self.budget, Budget.search([]))
        self.assertNotIn(foreign, Budget.search([]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.manager).read(["name"])

    def test_decided_claim_expenses_are_frozen(self):
        claim = self._claim(self._approved())
        claim.with_user(self.manager).action_approve()
        with self.assertRaises(UserError):
            claim.line_ids.with_user(self.prm_user).amount = 5000.0
        with self.assertRaises(UserError):
            claim.line_ids.with_user(self.prm_user).unlink()
        self.assertEqual(claim.amount_claimed, 600.0)

    def test_rejected_claims_do_not_hold_a_request(self):
        request = self._approved()
        claim = self._claim(request)
        claim.with_user(self.manager).reject_reason = "No proof of the event"
        claim.with_user(self.manager).action_reject()
        self.assertEqual(claim.state, "rejected")
        expired = self.env["prm.fund.request"]._cron_expire(
            today=datetime.date(2026, 4, 2)
        )
        self.assertIn(request, expired)
        self.assertEqual(request.state, "expired")
        self.assertEqual(self.budget.requested_amount, 0.0)

    def test_claim_paid_through_the_commission_settlement(self):
        self.company.prm_fund_payment = "settlement"
        self.company.prm_commission_product_id = self.env["product.product"].create(
            {"name": "Partner payouts", "type": "service", "purchase_ok": True}
        )
        # no draft settlement of the partner: a vendor bill as usual
        first = self._claim(self._approved())
        first.with_user(self.manager).action_approve()
        self.assertTrue(first.invoice_id)
        self.assertFalse(first.settlement_id)
        settlement = self.env["prm.commission.settlement"].create(
            {
                "partner_id": self.partner_gold.id,
                "currency_id": self.currency.id,
                "date_from": datetime.date(2026, 3, 1),
                "date_to": datetime.date(2026, 3, 31),
            }
        )
        claim = self._claim(self._approved(), amounts=(500.0,))
        claim.with_user(self.manager).action_approve()
        self.assertFalse(claim.invoice_id)
        self.assertEqual(claim.settlement_id, settlement)
        self.assertEqual(claim.commission_line_id.kind, "fund")
        self.assertEqual(settlement.amount_total, 250.0)
        settlement.with_user(self.manager).action_approve()
        settlement.with_user(self.manager).action_create_bills()
        bill = settlement.invoice_id
        bill.action_post()
        self._pay(bill)
        self.assertEqual(settlement.state, "paid")
        self.assertEqual(claim.state, "paid")
        self.assertEqual(self.budget.paid_amount, 250.0)
        bill.line_ids.remove_move_reconcile()
        self.assertEqual(claim.state, "approved")
