# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The bulk order form: SKU and quantity lines (typed, pasted from a
spreadsheet, or taken from a past order) into the website cart, which
Odoo's eCommerce prices with the partner's pricelist."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import float_repr

from ..logic import quick_order
from .common import PrmPortalSection

QUICK_URL = "/my/order/quick"
#: empty SKU / quantity rows of the form, besides the paste area
FORM_ROWS = 5


class PrmQuickOrderPortal(PrmPortalSection):
    def _prm_line_error(self, line):
        env = request.env
        messages = {
            "sku": lambda: env._("%(line)s: enter a product code.", line=line.number),
            "quantity": lambda: env._(
                "%(line)s: %(sku)s: enter a quantity as a number.",
                line=line.number,
                sku=line.sku,
            ),
            "negative": lambda: env._(
                "%(line)s: %(sku)s: a quantity cannot be negative.",
                line=line.number,
                sku=line.sku,
            ),
            "zero": lambda: env._(
                "%(line)s: %(sku)s: enter a quantity greater than zero.",
                line=line.number,
                sku=line.sku,
            ),
            "unknown": lambda: env._(
                "%(line)s: no product with the code %(sku)s.",
                line=line.number,
                sku=line.sku,
            ),
            "minimum": lambda: env._(
                "%(line)s: %(sku)s is sold by at least %(minimum)s.",
                line=line.number,
                sku=line.sku,
                minimum=format(line.params["minimum"], "g"),
            ),
        }
        return messages[line.error]()

    def _prm_orderable(self, skus):
        """{SKU: product} of the shop's products with these codes (as
        superuser: the website's own product domain restricts them)."""
        if not skus:
            return {}
        domain = [("default_code", "in", list(skus))]
        domain += request.website.sale_product_domain()
        products = request.env["product.product"].sudo().search(domain)
        found = {}
        for product in products:
            found.setdefault(product.default_code, product)
        return found

    def _prm_reorder_text(self, order_id):
        """Lines of one of the user's past orders, as the paste area holds
        them (lines of products without code are left out)."""
        try:
            order = self._document_check_access("sale.order", int(order_id))
        except (AccessError, MissingError, ValueError) as exc:
            raise NotFound() from exc
        rows = []
        for line in order.order_line:
            if line.display_type or not line.product_id.default_code:
                continue
            if line._is_delivery():
                continue
            qty = float_repr(line.product_uom_qty, 3).rstrip("0").rstrip(".")
            rows.append(f"{line.product_id.default_code}\t{qty}")
        return "\n".join(rows)

    def _prm_form_rows(self, form):
        rows = []
        for index in range(FORM_ROWS):
            rows.append(
                (
                    request.env._("Row %(n)s", n=index + 1),
                    form.get(f"sku_{index}", ""),
                    form.get(f"qty_{index}", ""),
                )
            )
        return rows

    @http.route(
        [QUICK_URL], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def prm_portal_quick_order(self, reorder=None, **form):
        env = request.env
        errors = []
        if request.httprequest.method == "POST":
            text = form.get("lines") or ""
            typed = [row for row in self._prm_form_rows(form) if row[1] or row[2]]
            rows = typed + [
                (env._("Line %(n)s", n=number), sku, qty)
                for number, sku, qty in quick_order.split_text(text)
            ]
            if quick_order.too_many(rows):
                errors.append(
                    env._(
                        "At most %(max)s lines per order: this one has %(count)s. "
                        "Split it into several orders.",
                        max=quick_order.MAX_LINES,
                        count=len(rows),
                    )
                )
            elif not rows:
                errors.append(env._("Enter at least one product code and quantity."))
            else:
                lines = quick_order.parse_rows(rows, self._prm_separators())
                products = self._prm_orderable({line.sku for line in lines})
                minimums = {
                    sku: product.product_tmpl_id.prm_min_order_qty
                    for sku, product in products.items()
                }
                quick_order.check_catalogue(lines, minimums)
                errors = [self._prm_line_error(line) for line in lines if line.error]
                if not errors:
                    order = request.website.sale_get_order(force_create=True)
                    for sku, qty in quick_order.cart_quantities(lines).items():
                        order._cart_update(
                            product_id=products[sku].id, add_qty=float(qty)
                        )
                    return request.redirect("/shop/cart")
        elif reorder:
            form = {"lines": self._prm_reorder_text(reorder)}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "prm_quick_order",
                "form": form,
                "errors": errors,
                "form_rows": range(FORM_ROWS),
                "max_lines": quick_order.MAX_LINES,
            }
        )
        return request.render("prm_portal.portal_quick_order", values)
