# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .prm_commission_line import PAID_PAYMENT_STATES

# Fields of an order line whose change makes its commission stale.
COMMISSION_FIELDS = {
    "product_id",
    "product_uom_qty",
    "price_unit",
    "discount",
    "purchase_price",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _prm_commission_basis(self, basis):
        """``(due, quantity, untaxed amount, date)`` of the line for a plan basis.

        Before the basis event the commission is a draft forecast on the order
        line; after it, the invoiced quantity and amount are the base.
        """
        self.ensure_one()
        order_date = self.order_id.date_order.date()
        if basis == "order_confirmed":
            return True, self.product_uom_qty, self.price_subtotal, order_date
        invoice_lines = self.invoice_lines.filtered(
            lambda aml: aml.move_id.move_type == "out_invoice"
            and aml.move_id.state == "posted"
            and (
                basis != "invoice_paid"
                or aml.move_id.payment_state in PAID_PAYMENT_STATES
            )
        )
        if not invoice_lines:
            return False, self.product_uom_qty, self.price_subtotal, order_date
        moves = invoice_lines.move_id
        amount = sum(
            aml.currency_id._convert(
                aml.price_subtotal,
                self.order_id.currency_id,
                self.order_id.company_id,
                aml.move_id.invoice_date or order_date,
            )
            if aml.currency_id != self.order_id.currency_id
            else aml.price_subtotal
            for aml in invoice_lines
        )
        quantity = sum(invoice_lines.mapped("quantity"))
        date = max(move.invoice_date or order_date for move in moves)
        return True, quantity, amount, date

    def _prm_commission_cost(self, quantity):
        self.ensure_one()
        return self.purchase_price * quantity

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id.filtered(lambda o: o.state == "sale")._prm_commission_sync()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if COMMISSION_FIELDS.intersection(vals):
            self.order_id.filtered(lambda o: o.state == "sale")._prm_commission_sync()
        return result

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders.exists().filtered(lambda o: o.state == "sale")._prm_commission_sync()
        return result
