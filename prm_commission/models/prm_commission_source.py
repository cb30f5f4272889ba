# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import api, models

from ..logic import matching

#: What the engine computes from, for one plan: sale lines due now and not
#: yet due (``logic.matching.SaleLine``), the line values read from each
#: source by key, explanations of adjustments by key, and the fixed-per-order
#: amounts already settled.
Inputs = namedtuple("Inputs", "due draft sources notes fixed_paid")


class PrmCommissionSource(models.AbstractModel):
    """Reads the sale lines of a plan into the inputs of the engine."""

    _name = "prm.commission.source"
    _description = "Commission Computation Sources"

    @api.model
    def _prm_fetch_sources(self, orders):
        """Load every field the computation reads, one query per table."""
        orders.fetch(
            ["date_order", "amount_untaxed", "partner_id", "name", "prm_tier_id"]
        )
        SaleLine = self.env["sale.order.line"].sudo()
        domain = [
            ("order_id", "in", orders.ids),
            ("display_type", "=", False),
            ("product_id", "!=", False),
        ]
        # shipping is not a sale the partner earns on (delivery lines exist
        # when the delivery addon is installed, as with the shop)
        if "is_delivery" in SaleLine._fields:
            domain.append(("is_delivery", "=", False))
        sale_lines = SaleLine.search(domain, order="order_id, sequence, id")
        sale_lines.fetch(
            [
                "order_id",
                "product_id",
                "product_uom_qty",
                "price_subtotal",
                "purchase_price",
                "invoice_lines",
            ]
        )
        partners = orders.prm_partner_id | orders.partner_id
        partners.fetch(["commercial_partner_id"])
        commercial = partners.commercial_partner_id
        commercial.fetch(["prm_partner_type"])
        products = sale_lines.product_id
        products.fetch(["product_tmpl_id"])
        products.product_tmpl_id.fetch(["categ_id"])
        products.categ_id.fetch(["parent_path"])
        invoice_lines = sale_lines.invoice_lines
        if invoice_lines:
            invoice_lines.fetch(
                ["move_id", "quantity", "price_subtotal", "currency_id"]
            )
            invoice_lines.move_id.fetch(
                ["move_type", "state", "payment_state", "invoice_date"]
            )
        return sale_lines

    @api.model
    def _prm_inputs(self, plan, orders, by_key, convert):
        """The :data:`Inputs` of ``orders`` under ``plan``.

        A sale line with settled commissions only earns (or gives back) the
        difference between the source now and what was settled, on lines of
        its own (``<sol>:adj:<n>`` keys); fully clawed back lines are left.
        """
        sale_lines = self._prm_fetch_sources(orders)
        settled, fixed_paid = self.env["prm.commission.history"]._prm_settled_parts(
            plan, by_key
        )
        currency = plan.currency_id
        format_amount = self.env["prm.commission.compute"]._prm_formatter(currency)
        inputs = Inputs([], [], {}, {}, fixed_paid)
        # What the lines of one order, or of one product, share is read once:
        # attribute access on records costs more than the computation itself.
        order_values, product_values = {}, {}
        for sol in sale_lines:
            order = sol.order_id
            values = order_values.get(order.id)
            if values is None:
                partner = order.prm_partner_id.commercial_partner_id
                customer = order.partner_id.commercial_partner_id
                values = order_values[order.id] = (
                    partner.id,
                    customer.id,
                    order.prm_tier_id.id,
                    partner.prm_partner_type or None,
                    (order.currency_id, currency, order.company_id),
                    order.amount_untaxed,
                    matching.is_resale(partner.id, customer.id),
                )
            partner_id, customer_id, tier_id, partner_type, money, untaxed, resale = (
                values
            )
            product = sol.product_id
            categ = product_values.get(product.id)
            if categ is None:
                categ = product_values[product.id] = (
                    product.categ_id.id,
                    product.categ_id.parent_path or "",
                )
            due, quantity, amount, date = sol._prm_commission_basis(plan.basis)
            args = (*money, date)
            amount = convert(amount, *args)
            key = sol.id
            done = settled.get(sol.id)
            if done is not None:
                if done["frozen"]:
                    continue
                # Settled commissions never change: only the difference between
                # the source now and what was settled earns (or gives back).
                quantity -= done["quantity"]
                amount = currency.round(amount - done["sales_amount"])
                if currency.is_zero(amount) and abs(quantity) < 1e-6:
                    continue
                if done["batch"]:
                    key = f"{sol.id}:adj:{done['batch']}"
                inputs.notes[key] = self.env._(
                    "Adjustment of a settled commission: %(quantity)s units and "
                    "%(amount)s of sales more than settled (negative: less).",
                    quantity=format(quantity, "g"),
                    amount=format_amount(amount),
                )
            cost = convert(sol._prm_commission_cost(quantity), *args)
            item = matching.SaleLine(
                key=key,
                order_id=order.id,
                partner_id=partner_id,
                tier_id=tier_id,
                partner_type=partner_type,
                product_id=product.id,
                categ_path=categ[1],
                date=date,
                quantity=quantity,
                amount=amount,
                cost=cost,
                order_amount=convert(untaxed, *args),
                resale=resale,
            )
            # the SOURCE_FIELDS of the line model
            inputs.sources[key] = {
                "partner_id": partner_id,
                "order_id": order.id,
                "order_line_id": sol.id,
                "customer_id": customer_id,
                "product_id": product.id,
                "categ_id": categ[0],
                "tier_id": tier_id,
                "quantity": quantity,
                "date": date,
            }
            (inputs.due if due else inputs.draft).append(item)
        return inputs
