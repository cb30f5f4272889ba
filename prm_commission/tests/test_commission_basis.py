# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionBasis(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule(name="Everyone", rate=10.0)

    def test_order_confirmed_basis(self):
        order = self._order(confirm=False)
        self.assertFalse(self._lines(order), "no commission on a quotation")
        order.action_confirm()
        line = self._lines(order)
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.amount, 100.0)

    def test_invoice_posted_basis(self):
        self.plan.basis = "invoice_posted"
        order = self._order(lines=[(self.server, 2, 1000.0)])
        line = self._lines(order)
        self.assertEqual(line.state, "draft", "a forecast until the invoice is posted")
        self.assertEqual(line.amount, 200.0)
        invoice = self._invoice(order, post=False)
        self.assertEqual(line.state, "draft")
        invoice.action_post()
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.date, invoice.invoice_date)
        self.assertEqual(line.amount, 200.0)
        # resetting the invoice brings the forecast back
        invoice.button_draft()
        self.assertEqual(line.state, "draft")

    def test_invoice_posted_basis_partial_invoice(self):
        self.plan.basis = "invoice_posted"
        order = self._order(lines=[(self.server, 4, 1000.0)])
        invoice = order._create_invoices()
        invoice.invoice_date = datetime.date(2025, 3, 15)
        with Form(invoice) as form:
            with form.invoice_line_ids.edit(0) as invoice_line:
                invoice_line.quantity = 1
        invoice.action_post()
        line = self._lines(order)
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.quantity, 1)
        self.assertEqual(line.amount, 100.0, "only what is invoiced earns commission")

    def test_invoice_after_settlement_earns_the_difference(self):
        self.plan.basis = "invoice_posted"
        order = self._order(lines=[(self.server, 4, 1000.0)])
        first = order._create_invoices()
        first.invoice_date = datetime.date(2025, 3, 15)
        with Form(first) as form:
            with form.invoice_line_ids.edit(0) as invoice_line:
                invoice_line.quantity = 1
        first.action_post()
        line = self._lines(order)
        self.assertEqual((line.state, line.amount), ("confirmed", 100.0))
        self.env["prm.commission.settlement"].create(
            {
                "partner_id": self.partner_gold.id,
                "currency_id": self.currency.id,
                "date_from": datetime.date(2025, 3, 1),
                "date_to": datetime.date(2025, 3, 31),
                "line_ids": [Command.set(line.ids)],
            }
        )
        self.assertEqual(line.state, "settled")
        second = order._create_invoices()
        second.invoice_date = datetime.date(2025, 4, 2)
        second.action_post()
        lines = self._lines(order)
        adjustment = lines - line
        self.assertEqual((line.amount, line.quantity), (100.0, 1))
        self.assertEqual(len(adjustment), 1)
        self.assertEqual(adjustment.state, "confirmed")
        self.assertEqual(adjustment.quantity, 3)
        self.assertEqual(adjustment.amount, 300.0)
        self.assertEqual(adjustment.date, second.invoice_date)
        self.assertEqual(sum(lines.mapped("amount")), 400.0)
        # computing again adds nothing
        order._prm_commission_sync()
        self.assertEqual(self._lines(order), lines)
        # a credit note of the whole order reverses both lines, never more
        self._refund(second, second.invoice_date)
        reversals = self._lines(order, kind="reversal")
        self.assertEqual(sum(reversals.mapped("amount")), -300.0)
        self.assertEqual(reversals.origin_line_id, lines)

    def test_invoice_paid_basis(self):
        self.plan.basis = "invoice_paid"
        order = self._order()
        invoice = self._invoice(order)
        line = self._lines(order)
        self.assertEqual(line.state, "draft", "posted but unpaid: still a forecast")
        self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.amount, 100.0)

    def _refund(self, invoice, date, quantity=None):
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "date": date,
                    "journal_id": invoice.journal_id.id,
                    "reason": "returned",
                }
            )
        )
        action = reversal.refund_moves()
        refund = self.env["account.move"].browse(action["res_id"])
        refund.invoice_date = date
        if quantity is not None:
            with Form(refund) as form:
                with form.invoice_line_ids.edit(0) as refund_line:
                    refund_line.quantity = quantity
        refund.action_post()
        return refund

    def test_clawback_inside_window(self):
        order = self._order(lines=[(self.server, 4, 1000.0)])
        original = self._lines(order)
        invoice = self._invoice(order)
        refund = self._refund(invoice, datetime.date(2025, 3, 20), quantity=1)
        reversal = self._lines(order, kind="reversal")
        self.assertEqual(reversal.amount, -100.0)
        self.assertEqual(reversal.origin_line_id, original)
        self.assertEqual(reversal.refund_move_id, refund)
        self.assertEqual(reversal.state, "confirmed")
        self.assertIn("Clawback", reversal.explanation)
        self.assertIn("25%", reversal.explanation)
        self.assertEqual(original.state, "confirmed")
        # posting the same credit note again never duplicates the reversal
        self.env["prm.commission.clawback"]._prm_clawback(refund)
        self.assertEqual(len(self._lines(order, kind="reversal")), 1)

    def test_clawback_full_refund_of_unsettled_line(self):
        order = self._order()
        original = self._lines(order)
        invoice = self._invoice(order)
        self._refund(invoice, datetime.date(2025, 3, 25))
        reversal = self._lines(order, kind="reversal")
        self.assertEqual(reversal.amount, -100.0)
        self.assertEqual(original.state, "reversed")
        self.assertEqual(reversal.state, "reversed")

    def test_clawback_outside_window(self):
        order = self._order()
        invoice = self._invoice(order)
        # window is 30 days after the sale of 2025-03-10
        self._refund(invoice, datetime.date(2025, 4, 20))
        self.assertFalse(self._lines(order, kind="reversal"))
        self.assertEqual(self._lines(order).state, "confirmed")

    def test_clawback_of_settled_line(self):
        order = self._order()
        original = self._lines(order)
        invoice = self._invoice(order)
        with freeze_time("2025-04-02"):
            wizard = self.env["prm.commission.settlement.wizard"].create(
                {"period": "month", "date": datetime.date(2025, 3, 1)}
            )
            settlement = wizard._prm_create_settlements()
        self.assertEqual(original.settlement_id, settlement)
        self.assertEqual(original.state, "settled")
        self._refund(invoice, datetime.date(2025, 4, 1))
        reversal = self._lines(order, kind="reversal")
        self.assertEqual(reversal.amount, -100.0)
        self.assertEqual(
            reversal.state, "confirmed", "taken back in a later settlement"
        )
        self.assertFalse(reversal.settlement_id)
        self.assertEqual(original.state, "settled")
        self.assertEqual(settlement.amount_total, 100.0)

    def test_reversal_amounts_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        order = self._order()
        wizard = self.env["prm.commission.settlement.wizard"].create(
            {"period": "quarter", "date": datetime.date(2025, 3, 1)}
        )
        wizard._prm_create_settlements()
        order.with_context(lang="vi_VN")._action_cancel()
        reversal = self._lines(order, kind="reversal")
        # Vietnamese writes a decimal comma: "$ -100,00"
        self.assertIn("100,00", reversal.explanation)
        self.assertNotIn("100.00", reversal.explanation)

    def test_cancel_after_settlement_reverses(self):
        order = self._order()
        original = self._lines(order)
        wizard = self.env["prm.commission.settlement.wizard"].create(
            {"period": "quarter", "date": datetime.date(2025, 3, 1)}
        )
        wizard._prm_create_settlements()
        self.assertEqual(original.state, "settled")
        order._action_cancel()
        reversal = self._lines(order, kind="reversal")
        self.assertEqual(original.state, "settled")
        self.assertEqual(reversal.amount, -100.0)
        self.assertIn("cancelled", reversal.explanation)
        # running the computation again adds nothing
        order._prm_commission_sync()
        self.assertEqual(len(self._lines(order, kind="reversal")), 1)
