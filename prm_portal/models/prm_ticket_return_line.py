# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..logic import support


class PrmTicketReturnLine(models.Model):
    _name = "prm.ticket.return.line"
    _description = "Return Request Line"
    _order = "ticket_id, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, ondelete="restrict"
    )
    order_id = fields.Many2one(related="sale_line_id.order_id", store=True)
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    product_uom_id = fields.Many2one(related="sale_line_id.product_uom")
    qty_delivered = fields.Float(
        related="sale_line_id.qty_delivered", digits="Product Unit of Measure"
    )
    quantity = fields.Float(required=True, digits="Product Unit of Measure")

    @api.constrains("quantity", "sale_line_id", "ticket_id")
    def _check_quantity(self):
        """Never more than delivered, counting the other open or approved
        requests on the same order line."""
        lines = self.sudo()
        others = self.sudo().search(
            [
                ("sale_line_id", "in", lines.sale_line_id.ids),
                ("id", "not in", lines.ids),
                ("ticket_id.prm_return_state", "in", ("requested", "approved")),
            ]
        )
        before = {}
        for other in others:
            before[other.sale_line_id.id] = (
                before.get(other.sale_line_id.id, 0.0) + other.quantity
            )
        for line in lines:
            if line.ticket_id.commercial_partner_id != (
                line.order_id.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._("A return request only covers orders of its partner.")
                )
            errors = support.check_return_quantities(
                {line.sale_line_id.id: line.quantity},
                {line.sale_line_id.id: line.qty_delivered},
                before,
            )
            if errors:
                raise ValidationError(
                    self.env._(
                        "%(product)s: at most %(max)s can be returned "
                        "(delivered, minus other return requests).",
                        product=line.product_id.display_name,
                        max=support.returnable(
                            line.qty_delivered, before.get(line.sale_line_id.id)
                        ),
                    )
                )
            before[line.sale_line_id.id] = (
                before.get(line.sale_line_id.id, 0.0) + line.quantity
            )
