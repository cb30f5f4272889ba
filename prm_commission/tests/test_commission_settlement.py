# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionSettlement(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule(name="Everyone", rate=10.0)
        cls.expense = cls.env["product.product"].create(
            {"name": "Partner commissions", "type": "service", "purchase_ok": True}
        )
        cls.company.prm_commission_product_id = cls.expense
        cls.order_gold = cls._order(cls.partner_gold)
        cls.order_gold_2 = cls._order(cls.partner_gold, lines=[(cls.switch, 2, 200.0)])
        cls.order_silver = cls._order(cls.partner_silver)
        cls.order_april = cls._order(
            cls.partner_gold, date=datetime.datetime(2025, 4, 3)
        )

    def _settle(self, user=None, **values):
        values.setdefault("period", "month")
        values.setdefault("date", datetime.date(2025, 3, 1))
        wizard = self.env["prm.commission.settlement.wizard"]
        if user:
            wizard = wizard.with_user(user)
        return wizard.create(values)._prm_create_settlements()

    def test_wizard_one_settlement_per_partner_and_period(self):
        settlements = self._settle(user=self.prm_user)
        self.assertEqual(len(settlements), 2)
        gold = settlements.filtered(lambda s: s.partner_id == self.partner_gold)
        self.assertEqual(gold.date_from, datetime.date(2025, 3, 1))
        self.assertEqual(gold.date_to, datetime.date(2025, 3, 31))
        self.assertEqual(gold.line_ids.order_id, self.order_gold | self.order_gold_2)
        self.assertEqual(gold.amount_total, 140.0)
        self.assertEqual(set(gold.line_ids.mapped("state")), {"settled"})
        self.assertTrue(gold.name.startswith("COM/"))
        # April is not part of March; nothing is left to settle in March
        self.assertEqual(self._lines(self.order_april).state, "confirmed")
        with self.assertRaises(UserError):
            self._settle()

    def test_dates_in_messages_are_written_in_the_users_language(self):
        with self.assertRaisesText(UserError, "between 01/01/2025 and 01/31/2025"):
            self._settle(date=datetime.date(2025, 1, 1))
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        settlement.with_user(self.manager).action_approve()
        settlement.with_user(self.manager).action_create_bills()
        self.assertIn(
            "(03/01/2025 - 03/31/2025)", settlement.invoice_id.invoice_line_ids.name
        )

    def test_wizard_partner_filter_and_quarter(self):
        settlements = self._settle(period="quarter", partner_ids=[self.partner_gold.id])
        self.assertEqual(settlements.partner_id, self.partner_gold)
        self.assertEqual(settlements.date_to, datetime.date(2025, 3, 31))
        self.assertEqual(self._lines(self.order_silver).state, "confirmed")

    def test_line_never_in_two_live_settlements(self):
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        other = self.env["prm.commission.settlement"].create(
            {
                "partner_id": self.partner_gold.id,
                "currency_id": self.currency.id,
                "date_from": datetime.date(2025, 3, 1),
                "date_to": datetime.date(2025, 3, 31),
            }
        )
        with self.assertRaisesText(ValidationError, "already belongs"):
            other.line_ids = [Command.link(settlement.line_ids[0].id)]
        # once cancelled, the settlement frees its lines for a new one
        settlement.action_cancel()
        self.assertEqual(settlement.state, "cancelled")
        lines = self._lines(self.order_gold)
        self.assertFalse(lines.settlement_id)
        self.assertEqual(lines.state, "confirmed")
        again = self._settle(partner_ids=[self.partner_gold.id])
        self.assertEqual(lines.settlement_id, again)

    def test_currency_company_and_partner_mismatch(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        line = self._lines(self.order_gold)
        Settlement = self.env["prm.commission.settlement"]
        values = {
            "partner_id": self.partner_gold.id,
            "currency_id": eur.id,
            "date_from": datetime.date(2025, 3, 1),
            "date_to": datetime.date(2025, 3, 31),
            "line_ids": [Command.link(line.id)],
        }
        with self.assertRaisesText(ValidationError, "is in EUR"):
            Settlement.create(values)
        other_company = self.env["res.company"].create({"name": "Other Co"})
        values.update(currency_id=self.currency.id, company_id=other_company.id)
        with self.assertRaises(UserError):
            Settlement.create(values)
        values.update(company_id=self.company.id, partner_id=self.partner_silver.id)
        with self.assertRaisesText(ValidationError, "another partner"):
            Settlement.create(values)
        with self.assertRaisesText(ValidationError, "cannot end before"):
            Settlement.create(
                dict(
                    values,
                    line_ids=[],
                    date_from=datetime.date(2025, 4, 1),
                )
            )

    def test_approval_is_for_managers(self):
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        with self.assertRaises(AccessError):
            settlement.with_user(self.prm_user).action_approve()
        settlement.with_user(self.manager).action_approve()
        self.assertEqual(settlement.state, "approved")
        self.assertEqual(settlement.approved_by_id, self.manager)
        with self.assertRaises(AccessError):
            settlement.with_user(self.prm_user).action_create_bills()
        # the workflow cannot be bypassed by writing the state
        with self.assertRaises(AccessError):
            settlement.with_user(self.prm_user).write({"state": "paid"})
        with self.assertRaises(AccessError):
            settlement.with_user(self.prm_user).action_cancel()
        # a user may cancel a draft settlement
        draft = self._settle(partner_ids=[self.partner_silver.id])
        draft.with_user(self.prm_user).action_cancel()
        self.assertEqual(draft.state, "cancelled")
        self.assertEqual(self._lines(self.order_silver).state, "confirmed")

    def test_workflow_cannot_be_bypassed_on_create(self):
        values = {
            "partner_id": self.partner_gold.id,
            "currency_id": self.currency.id,
            "date_from": datetime.date(2025, 3, 1),
            "date_to": datetime.date(2025, 3, 31),
        }
        Settlement = self.env["prm.commission.settlement"].with_user(self.prm_user)
        bill = self.env["account.move"].create({"move_type": "in_invoice"})
        for forged in (
            {"state": "approved"},
            {"state": "paid"},
            {"approved_by_id": self.manager.id},
            {"approved_on": datetime.datetime(2025, 4, 1)},
            {"invoice_id": bill.id},
        ):
            with self.assertRaises(AccessError):
                Settlement.create(dict(values, **forged))
        self.assertFalse(
            self.env["prm.commission.settlement"].search(
                [("partner_id", "=", self.partner_gold.id)]
            )
        )
        # users prepare drafts; managers approve them
        draft = Settlement.create(dict(values, state="draft"))
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.approved_by_id)
        approved = Settlement.with_user(self.manager).create(
            dict(values, state="approved", approved_by_id=self.manager.id)
        )
        self.assertEqual(approved.state, "approved")

    def test_vendor_bill_and_paid_state(self):
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        with self.assertRaises(UserError):
            settlement.with_user(self.manager).action_create_bills()
        settlement.with_user(self.manager).action_approve()
        settlement.with_user(self.manager).action_create_bills()
        bill = settlement.invoice_id
        self.assertEqual(settlement.state, "invoiced")
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.partner_gold)
        self.assertEqual(bill.amount_total, 140.0)
        self.assertEqual(bill.invoice_line_ids.product_id, self.expense)
        self.assertEqual(bill.prm_commission_settlement_ids, settlement)
        # a posted bill blocks cancelling the settlement
        bill.action_post()
        with self.assertRaises(UserError):
            settlement.action_cancel()
        self._pay(bill)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        self.assertEqual(settlement.state, "paid")
        # unreconciling the payment puts the settlement back to invoiced
        bill.line_ids.remove_move_reconcile()
        self.assertEqual(settlement.state, "invoiced")

    def test_bill_journal_setting_and_cancel_draft_bill(self):
        journal = self.env["account.journal"].create(
            {"name": "Commission bills", "code": "CMB", "type": "purchase"}
        )
        self.company.prm_commission_journal_id = journal
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        settlement.with_user(self.manager).action_approve()
        settlement.with_user(self.manager).action_create_bills()
        self.assertEqual(settlement.invoice_id.journal_id, journal)
        settlement.with_user(self.manager).action_cancel()
        self.assertEqual(settlement.invoice_id.state, "cancel")
        self.assertEqual(self._lines(self.order_gold).state, "confirmed")

    def test_negative_settlement_gives_refund_bill(self):
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        line = settlement.line_ids[0]
        settlement.action_cancel()
        reversal = self.env["prm.commission.line"].create(
            line._prm_reversal_vals("test:neg", -500.0, 1.0)
        )
        reversal.date = datetime.date(2025, 3, 30)
        negative = self._settle(partner_ids=[self.partner_gold.id])
        self.assertEqual(negative.amount_total, -360.0)
        negative.with_user(self.manager).action_approve()
        negative.with_user(self.manager).action_create_bills()
        self.assertEqual(negative.invoice_id.move_type, "in_refund")
        self.assertEqual(negative.invoice_id.amount_total, 360.0)

    def test_statement_pdf(self):
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "prm_commission.action_report_commission_statement", settlement.ids
            )[0]
            .decode()
        )
        self.assertIn(settlement.name, html)
        self.assertIn(self.order_gold.name, html)
        self.assertIn("10% of the untaxed amount", html)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_type = report._render_qweb_pdf(
            "prm_commission.action_report_commission_statement", settlement.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_settled_lines_are_protected(self):
        settlement = self._settle(partner_ids=[self.partner_gold.id])
        line = settlement.line_ids[0]
        with self.assertRaises(UserError):
            line.amount = 1.0
        with self.assertRaises(UserError):
            line.unlink()
        settlement.with_user(self.manager).action_approve()
        with self.assertRaises(UserError):
            settlement.unlink()

    def test_cron_settles_previous_month(self):
        with freeze_time("2025-04-10"):
            settlements = self.env[
                "prm.commission.settlement.wizard"
            ]._cron_settle_previous_month()
        self.assertEqual(
            settlements.partner_id, self.partner_gold | self.partner_silver
        )
        self.assertEqual(
            set(settlements.mapped("date_from")), {datetime.date(2025, 3, 1)}
        )
        self.assertEqual(self._lines(self.order_april).state, "confirmed")
        self.assertTrue(self.env.ref("prm_commission.ir_cron_prm_commission_settle"))
