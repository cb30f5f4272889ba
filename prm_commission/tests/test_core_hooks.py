# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own sales and invoicing users keep their rights with the suite.

Salespeople, sales managers and invoicing users who are in no PRM group
confirm, change and cancel orders of channel partners, post invoices and
register payments; the commissions follow as superuser without the user
reading any of them.
"""

import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from .common import CommissionCase

# 1x1 transparent PNG: a valid customer signature.
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8"
    "AAAAASUVORK5CYII="
)


def _form_fields(record, view_type):
    """Names of ``record``'s fields in its default ``view_type`` view."""
    arch = record.get_views([(False, view_type)])["views"][view_type]["arch"]
    return set(re.findall(r'<field name="(\w+)"', arch)) & set(record._fields)


@tagged("post_install", "-at_install")
class TestCommissionHooksForOdooUsers(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule(name="Everyone", rate=10.0)
        cls.sales_manager = cls._prm_new_user(
            "salesman",
            login="prm_com_sales_manager",
            groups="sales_team.group_sale_manager",
        )
        cls.invoicing = cls._prm_new_user(
            "employee",
            login="prm_com_invoicing",
            groups="account.group_account_invoice",
        )

    def _quotation(self, user, partner=None):
        """Quotation of the end customer through the sales form as ``user``."""
        form = Form(self.env["sale.order"].with_user(user))
        form.partner_id = self.customer
        with form.order_line.new() as line:
            line.product_id = self.server
            line.product_uom_qty = 2
            line.price_unit = 1000.0
            line.tax_id.clear()
        order = form.save()
        # the channel partner comes from the opportunity or a PRM user
        order.sudo().prm_partner_id = partner or self.partner_gold
        return order

    def test_salesperson_confirms_order_of_channel_partner(self):
        order = self._quotation(self.salesman)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        line = self._lines(order)
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.amount, 200.0)
        with self.assertRaises(AccessError):
            order.prm_commission_line_ids.read(["amount"])

    def test_salesperson_edits_and_cancels_confirmed_order(self):
        order = self._quotation(self.salesman)
        order.action_confirm()
        order.order_line.product_uom_qty = 3
        self.assertEqual(self._lines(order).amount, 300.0)
        order.write(
            {
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.license.id,
                            "product_uom_qty": 1,
                            "price_unit": 100.0,
                            "tax_id": [Command.clear()],
                        }
                    )
                ]
            }
        )
        self.assertEqual(sum(self._lines(order).mapped("amount")), 310.0)
        order._action_cancel()
        self.assertEqual(set(self._lines(order).mapped("state")), {"cancelled"})

    def test_sales_manager_confirms_order_from_opportunity(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Channel deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "prm_partner_id": self.partner_gold.id,
                "user_id": self.sales_manager.id,
            }
        )
        action = lead.with_user(self.sales_manager).action_sale_quotations_new()
        form = Form(
            self.env["sale.order"]
            .with_user(self.sales_manager)
            .with_context(**action["context"])
        )
        with form.order_line.new() as line:
            line.product_id = self.server
            line.price_unit = 1000.0
            line.tax_id.clear()
        order = form.save()
        self.assertEqual(order.prm_partner_id, self.partner_gold)
        order.action_confirm()
        self.assertEqual(self._lines(order).amount, 100.0)

    def test_invoicing_user_posts_invoice_and_registers_payment(self):
        self.plan.basis = "invoice_paid"
        order = self._quotation(self.salesman)
        order.action_confirm()
        line = self._lines(order)
        self.assertEqual(line.state, "draft")
        invoice = order._create_invoices().with_user(self.invoicing)
        invoice.invoice_date = order.date_order.date()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(line.state, "draft", "paid basis: posting is not enough")
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.invoicing)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": invoice.invoice_date})
        )
        wizard.action_create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(line.state, "confirmed")
        # unreconciling and resetting the invoice brings the forecast back
        invoice.line_ids.remove_move_reconcile()
        invoice.button_draft()
        self.assertEqual(line.state, "draft")

    def test_invoicing_user_posts_credit_note(self):
        self.plan.basis = "invoice_posted"
        order = self._quotation(self.salesman)
        order.action_confirm()
        invoice = order._create_invoices().with_user(self.invoicing)
        invoice.invoice_date = order.date_order.date()
        invoice.action_post()
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.invoicing)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "date": invoice.date})
        )
        wizard.refund_moves()
        refund = invoice.reversal_move_ids
        refund.action_post()
        self.assertEqual(refund.state, "posted")
        self.assertEqual(sum(self._lines(order).mapped("amount")), 0.0)

    def test_forms_open_for_users_without_prm_groups(self):
        order = self._quotation(self.salesman)
        order.action_confirm()
        invoice = order._create_invoices()
        self.env.invalidate_all()
        for user, records in (
            (self.salesman, (order, self.partner_gold)),
            (self.sales_manager, (order, self.partner_gold, self.customer)),
            (self.invoicing, (invoice, self.partner_gold)),
        ):
            for record in records:
                record = record.with_user(user)
                for view_type in ("form", "list"):
                    names = _form_fields(record, view_type)
                    self.assertFalse(
                        {"prm_commission_line_ids", "prm_commission_count"} & names
                    )
                    values = record.web_read({name: {} for name in names})
                    self.assertEqual(values[0]["id"], record.id)


@tagged("post_install", "-at_install")
class TestPortalSignsQuotation(CommissionCase, HttpCase):
    def test_portal_customer_signs_quotation_of_channel_partner(self):
        self._rule(name="All", rate=10.0)
        customer = self.env["res.partner"].create(
            {"name": "Signing Customer", "email": "sign@customer.example"}
        )
        self._prm_new_user("portal", login="prm_com_signer", partner_id=customer.id)
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "prm_partner_id": self.partner_gold.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.license.id,
                            "price_unit": 500.0,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_quotation_sent()
        self.authenticate("prm_com_signer", "prm_com_signer")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"name": "Signing Customer", "signature": SIGNATURE},
        )
        self.assertNotIn("error", result)
        self.assertEqual(order.state, "sale")
        line = self._lines(order)
        self.assertEqual(line.amount, 50.0)
