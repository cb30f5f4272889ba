# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class CommissionCase(TransactionCase):
    """Own data for the commission tests: a plan, tiers, partners, products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.manager = new_test_user(
            cls.env,
            login="prm_com_manager",
            groups="prm_partner.group_prm_manager,sales_team.group_sale_salesman",
        )
        cls.user = new_test_user(
            cls.env,
            login="prm_com_user",
            groups="prm_partner.group_prm_user,sales_team.group_sale_salesman",
        )
        cls.salesman = new_test_user(
            cls.env, login="prm_com_salesman", groups="sales_team.group_sale_salesman"
        )
        Tier = cls.env["prm.tier"]
        cls.tier_silver = Tier.create({"name": "Silver T", "rank": 901})
        cls.tier_gold = Tier.create({"name": "Gold T", "rank": 902})
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
        Partner = cls.env["res.partner"]
        cls.partner_gold = Partner.create(
            {
                "name": "Gold Reseller",
                "is_company": True,
                "prm_is_partner": True,
                "prm_partner_type": "reseller",
                "prm_tier_id": cls.tier_gold.id,
            }
        )
        cls.partner_silver = Partner.create(
            {
                "name": "Silver Reseller",
                "is_company": True,
                "prm_is_partner": True,
                "prm_partner_type": "reseller",
                "prm_tier_id": cls.tier_silver.id,
            }
        )
        cls.customer = Partner.create({"name": "End Customer", "is_company": True})
        Category = cls.env["product.category"]
        cls.categ_hw = Category.create({"name": "Hardware T"})
        cls.categ_server = Category.create(
            {"name": "Servers T", "parent_id": cls.categ_hw.id}
        )
        cls.categ_sw = Category.create({"name": "Software T"})
        Product = cls.env["product.product"]
        cls.server = Product.create(
            {
                "name": "Server X",
                "categ_id": cls.categ_server.id,
                "list_price": 1000.0,
                "standard_price": 600.0,
                "type": "consu",
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.switch = Product.create(
            {
                "name": "Switch Y",
                "categ_id": cls.categ_hw.id,
                "list_price": 200.0,
                "standard_price": 150.0,
                "type": "consu",
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.license = Product.create(
            {
                "name": "License Z",
                "categ_id": cls.categ_sw.id,
                "list_price": 100.0,
                "standard_price": 0.0,
                "type": "service",
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.Line = cls.env["prm.commission.line"]

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
