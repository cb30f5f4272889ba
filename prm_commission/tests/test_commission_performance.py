# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionQueryCount(CommissionCase):
    """The computation is batch-first: its query count does not depend on
    the number of orders (rules matched in memory, one insert)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule(name="Everyone", rate=5.0)
        cls._rule(name="Gold", rate=8.0, tier_ids=[cls.tier_gold.id])
        cls._rule(name="Hardware", rate=9.0, categ_ids=[cls.categ_hw.id])
        cls._rule(
            name="Ladder",
            partner_ids=[cls.partner_silver.id],
            bracket_ids=[
                Command.create({"amount_from": 0, "amount_to": 50000, "rate": 4}),
                Command.create({"amount_from": 50000, "amount_to": 0, "rate": 6}),
            ],
        )
        cls.env["prm.commission.spiff"].create(
            {
                "name": "Switch push",
                "plan_id": cls.plan.id,
                "date_from": datetime.date(2025, 1, 1),
                "date_to": datetime.date(2025, 12, 31),
                "product_ids": [cls.switch.id],
                "fixed_amount": 3.0,
            }
        )
        cls.orders_small = cls._bulk_orders(100, day=1)
        cls.orders_large = cls._bulk_orders(1000, day=2)
        cls.orders_warmup = cls._bulk_orders(5, day=3)

    @classmethod
    def _bulk_orders(cls, count, day):
        """``count`` confirmed orders of 5 lines, created in one batch.

        The state is written directly: this test measures the commission
        computation, not the confirmation of sale orders.
        """
        products = [cls.server, cls.switch, cls.license, cls.server, cls.switch]
        partners = [cls.partner_gold, cls.partner_silver]
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": cls.customer.id,
                    "prm_partner_id": partners[index % 2].id,
                    "date_order": datetime.datetime(2025, 5, day, 9, 0),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1 + position,
                                "price_unit": 100.0 + index,
                                "tax_id": [Command.clear()],
                            }
                        )
                        for position, product in enumerate(products)
                    ],
                }
                for index in range(count)
            ]
        )
        orders.write({"state": "sale"})
        return orders

    def test_query_count_does_not_grow_with_orders(self):
        self.assertFalse(
            self.Line.search_count([("order_id", "in", self.orders_large.ids)])
        )
        self._prm_query_count(self.orders_warmup._prm_commission_sync)
        small = self._prm_query_count(self.orders_small._prm_commission_sync)
        self.assertEqual(
            self.Line.search_count([("order_id", "in", self.orders_small.ids)]), 700
        )
        # ten times more orders, not one query more
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            self.orders_large._prm_commission_sync()
        lines = self.Line.search([("order_id", "in", self.orders_large.ids)])
        # 5 rule lines per order + a SPIFF line per switch line (2 per order)
        self.assertEqual(len(lines), 7000)
        self.assertEqual(set(lines.mapped("state")), {"confirmed"})
        gold = lines.filtered(
            lambda line: line.partner_id == self.partner_gold
            and line.product_id == self.license
            and line.kind == "rule"
        )[:1]
        self.assertEqual(gold.rule_id.name, "Gold")
        # recomputing the same orders adds nothing
        self.orders_large._prm_commission_sync()
        self.assertEqual(
            self.Line.search_count([("order_id", "in", self.orders_large.ids)]), 7000
        )
