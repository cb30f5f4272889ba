# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Return requests (RMA) on the orders a partner bought, as support tickets
of the category "Return request"; and the partner's open tickets on the
dashboard."""

from werkzeug.exceptions import NotFound

from odoo import Command, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from ..logic import support, validation
from ..logic.validation import FieldSpec
from .dashboard import PrmDashboardPortal
from .support import SUPPORT_URL, PrmSupportPortal


class PrmSupportReturnPortal(PrmSupportPortal):
    def _prm_return_order(self, partner, order_id):
        """The partner's confirmed order ``order_id``, 404 for any other."""
        order = self._prm_partner_orders(partner).filtered(lambda o: o.id == order_id)
        if not order:
            raise NotFound()
        return order

    def _prm_returnable(self, order):
        """(line, still returnable quantity) of the delivered lines of
        ``order``."""
        lines = order.order_line.filtered(lambda line: line.qty_delivered > 0)
        before = {}
        for line in (
            request.env["prm.ticket.return.line"]
            .sudo()
            .search(
                [
                    ("sale_line_id", "in", lines.ids),
                    ("ticket_id.prm_return_state", "in", ("requested", "approved")),
                ]
            )
        ):
            before[line.sale_line_id.id] = (
                before.get(line.sale_line_id.id, 0.0) + line.quantity
            )
        return [
            (line, support.returnable(line.qty_delivered, before.get(line.id)))
            for line in lines
        ], before

    @http.route([f"{SUPPORT_URL}/returns"], type="http", auth="user", website=True)
    def prm_portal_support_returns(self, **kw):
        partner = self._prm_support_partner()
        orders = self._prm_partner_orders(partner, limit=100).filtered(
            lambda o: any(line.qty_delivered > 0 for line in o.order_line)
        )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "prm_support", "orders": orders})
        return request.render("prm_portal.portal_support_returns", values)

    @http.route(
        [f"{SUPPORT_URL}/return/<int:order_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def prm_portal_support_return(self, order_id, **form):
        partner = self._prm_support_partner()
        order = self._prm_return_order(partner, order_id)
        env = request.env
        rows, before = self._prm_returnable(order)
        errors = {}
        if request.httprequest.method == "POST":
            V = validation
            specs = [
                FieldSpec(
                    "reason", V.TEXT, required=True, max_length=support.MAX_REASON
                )
            ] + [
                FieldSpec(f"qty_{line.id}", V.AMOUNT, max_value=10**9)
                for line, _max in rows
            ]
            cleaned, field_errors = V.validate(
                form, specs, separators=self._prm_separators()
            )
            errors.update(self._prm_translate_errors(field_errors))
            wanted = {
                line.id: float(cleaned.get(f"qty_{line.id}") or 0)
                for line, _max in rows
                if f"qty_{line.id}" not in errors
            }
            quantity_errors = support.check_return_quantities(
                wanted, {line.id: line.qty_delivered for line, _max in rows}, before
            )
            if quantity_errors.pop(None, None) and not errors:
                errors["lines"] = env._("Please enter a quantity to return.")
            for line, maximum in rows:
                code = quantity_errors.get(line.id)
                if code == "negative":
                    errors[f"qty_{line.id}"] = env._(
                        "Please enter an amount of zero or more."
                    )
                elif code == "too_large":
                    errors[f"qty_{line.id}"] = env._(
                        "At most %(max)s can be returned.", max=format(maximum, "g")
                    )
            files = self._prm_read_photos("photos", errors)
            if not errors:
                category = env.ref("prm_portal.helpdesk_ticket_category_return")
                vals = {
                    "name": env._("Return request for %(order)s", order=order.name),
                    "description": plaintext2html(
                        env._("Return of products of %(order)s.", order=order.name)
                    ),
                    "category_id": category.id,
                    "prm_sale_order_id": order.id,
                    "prm_return_state": "requested",
                    "prm_return_reason": cleaned["reason"],
                    "prm_return_line_ids": [
                        Command.create({"sale_line_id": line_id, "quantity": qty})
                        for line_id, qty in wanted.items()
                        if qty > 0
                    ],
                }
                try:
                    with env.cr.savepoint():
                        ticket = self._prm_create_ticket(vals, files)
                        ticket.env.flush_all()
                except (UserError, ValidationError) as exc:
                    errors["lines"] = exc.args[0]
                else:
                    return request.redirect(f"/my/ticket/{ticket.id}")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_support",
                "order": order,
                "rows": rows,
                "form": form,
                "errors": errors,
            }
        )
        return request.render("prm_portal.portal_support_return", values)


class PrmSupportDashboardPortal(PrmDashboardPortal):
    """The partner's open tickets on the partner dashboard."""

    @http.route()
    def prm_portal_dashboard(self, **kw):
        response = super().prm_portal_dashboard(**kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext is not None and request.env["helpdesk.ticket"].has_access("read"):
            qcontext["prm_open_tickets"] = request.env["helpdesk.ticket"].search(
                [("closed", "=", False)], limit=10, order="create_date desc"
            )
        return response
