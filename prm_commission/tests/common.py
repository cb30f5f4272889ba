# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import datetime

from odoo import Command

from odoo.addons.prm_partner.tests.common import PrmCase


class CommissionCase(PrmCase):
    """prm_commission's own data on top of PrmCase: a plan on both tiers, a
    gold and a silver reseller, an end customer, hardware and software
    products."""

    # invoices and payments need the main company's chart of accounts
    prm_own_company = False
    prm_login_prefix = "prm_com"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.company.currency_id
        cls.plan = cls.env["prm.commission.plan"].create(
            {
                "name": "Reseller Plan",
                "basis": "order_confirmed",
                "period": "year",
                "clawback_days": 30,
                "currency_id": cls.currency.id,
            }
        )
        cls.tier_silver.commission_plan_id = cls.plan
        cls.tier_gold.commission_plan_id = cls.plan
        Category = cls.env["product.category"]
        cls.categ_hw = Category.create({"name": "Hardware T"})
        cls.categ_server = Category.create(
            {"name": "Servers T", "parent_id": cls.categ_hw.id}
        )
        cls.categ_sw = Category.create({"name": "Software T"})
        cls.server = cls._product("Server X", cls.categ_server, 1000.0, 600.0)
        cls.switch = cls._product("Switch Y", cls.categ_hw, 200.0, 150.0)
        cls.license = cls._product("License Z", cls.categ_sw, 100.0, 0.0, "service")
        cls.Line = cls.env["prm.commission.line"]

    @classmethod
    def _prm_setup_partners(cls):
        cls.partner_gold = cls._prm_partner(
            "Gold Reseller", prm_tier_id=cls.tier_gold.id
        )
        cls.partner_silver = cls._prm_partner(
            "Silver Reseller", prm_tier_id=cls.tier_silver.id
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "End Customer", "is_company": True}
        )

    @classmethod
    def _product(cls, name, categ, price, cost, kind="consu"):
        """A product invoiced on order, without taxes."""
        return cls.env["product.product"].create(
            {
                "name": name,
                "categ_id": categ.id,
                "list_price": price,
                "standard_price": cost,
                "type": kind,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _rule(cls, **values):
        values.setdefault("name", "Rule")
        values.setdefault("plan_id", cls.plan.id)
        return cls.env["prm.commission.rule"].create(values)

    @classmethod
    def _order(
        cls, partner=None, lines=None, confirm=True, date=None, currency=None, **kw
    ):
        """Order of the end customer brought by ``partner``.

        ``lines`` is a list of (product, quantity, price_unit).
        """
        lines = lines or [(cls.server, 1, 1000.0)]
        values = {
            "partner_id": cls.customer.id,
            "prm_partner_id": (partner or cls.partner_gold).id,
            "date_order": date or datetime.datetime(2025, 3, 10, 10, 0),
            "order_line": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "tax_id": [Command.clear()],
                    }
                )
                for product, qty, price in lines
            ],
        }
        if currency:
            pricelist = cls.env["product.pricelist"].create(
                {"name": f"PL {currency.name}", "currency_id": currency.id}
            )
            values["pricelist_id"] = pricelist.id
        values.update(kw)
        order = cls.env["sale.order"].create(values)
        if confirm:
            order.action_confirm()
            # action_confirm resets the date to now; keep the scenario date
            order.date_order = values["date_order"]
            order._prm_commission_sync()
        return order

    @contextlib.contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (rolled back in a savepoint) that also checks the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    def _lines(self, order, kind=None):
        domain = [("order_id", "=", order.id)]
        if kind:
            domain.append(("kind", "=", kind))
        return self.Line.search(domain, order="id")

    def _invoice(self, order, post=True):
        invoice = order._create_invoices()
        invoice.invoice_date = order.date_order.date()
        if post:
            invoice.action_post()
        return invoice

    def _pay(self, move, date=None):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"payment_date": date or move.invoice_date})
        )
        return wizard._create_payments()
