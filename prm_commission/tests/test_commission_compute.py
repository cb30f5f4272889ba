# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionCompute(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule_all = cls._rule(name="Everyone", rate=5.0, sequence=1)

    def test_rule_specificity_partner_over_tier_over_all(self):
        self._rule(name="Gold tier", rate=8.0, tier_ids=[self.tier_gold.id])
        self._rule(name="This partner", rate=12.0, partner_ids=[self.partner_gold.id])
        gold = self._lines(self._order(self.partner_gold))
        silver = self._lines(self._order(self.partner_silver))
        self.assertEqual(gold.mapped("rate"), [12.0])
        self.assertEqual(gold.amount, 120.0)
        self.assertIn("partner-specific", gold.explanation)
        self.assertEqual(silver.rule_id, self.rule_all)
        self.assertEqual(silver.amount, 50.0)

    def test_resale_orders_follow_the_resale_rule(self):
        self._rule(name="Sourced", rate=10.0, order_kind="sourced")
        self._rule(name="Resale", rate=3.0, order_kind="resale")
        buyer = self.env["res.partner"].create(
            {"name": "Gold Buyer", "parent_id": self.partner_gold.id}
        )
        # the partner's own purchase, placed by one of its contacts
        resale = self._lines(self._order(partner_id=buyer.id))
        sourced = self._lines(self._order())
        self.assertEqual(resale.rule_id.name, "Resale")
        self.assertEqual(resale.amount, 30.0)
        self.assertEqual(resale.customer_id, self.partner_gold)
        self.assertIn("resale orders", resale.explanation)
        self.assertEqual(sourced.rule_id.name, "Sourced")
        self.assertEqual(sourced.amount, 100.0)

    def test_rule_specificity_product_over_category(self):
        self._rule(name="Hardware", rate=7.0, categ_ids=[self.categ_hw.id])
        self._rule(name="Switch", rate=9.0, product_ids=[self.switch.id])
        order = self._order(
            lines=[
                (self.server, 1, 1000.0),
                (self.switch, 1, 200.0),
                (self.license, 1, 100.0),
            ]
        )
        lines = self._lines(order)
        by_product = {line.product_id: line for line in lines}
        # the server is in a child category of Hardware
        self.assertEqual(by_product[self.server].rate, 7.0)
        self.assertEqual(by_product[self.switch].rate, 9.0)
        self.assertEqual(by_product[self.license].rate, 5.0)
        self.assertEqual(lines[0].tier_id, self.tier_gold)
        self.assertEqual(by_product[self.server].categ_id, self.categ_server)

    def test_percent_of_margin(self):
        self._rule(
            name="Margin",
            compute_mode="percent_margin",
            rate=25.0,
            sequence=0,
            partner_ids=[self.partner_gold.id],
        )
        order = self._order(lines=[(self.server, 2, 1000.0)])
        line = self._lines(order)
        # margin = 2 x (1000 - 600)
        self.assertEqual(line.base_amount, 800.0)
        self.assertEqual(line.amount, 200.0)
        self.assertIn("margin", line.explanation)

    def test_fixed_per_unit_and_per_order(self):
        self._rule(
            name="Per unit",
            compute_mode="fixed_unit",
            fixed_amount=15.0,
            product_ids=[self.switch.id],
        )
        self._rule(
            name="Per deal",
            compute_mode="fixed_order",
            fixed_amount=90.0,
            partner_ids=[self.partner_silver.id],
        )
        per_unit = self._lines(self._order(lines=[(self.switch, 4, 200.0)]))
        self.assertEqual(per_unit.amount, 60.0)
        self.assertEqual(per_unit.quantity, 4)
        order = self._order(
            self.partner_silver,
            lines=[(self.server, 1, 1000.0), (self.license, 5, 100.0)],
        )
        per_order = self._lines(order)
        self.assertEqual(sum(per_order.mapped("amount")), 90.0)
        self.assertEqual(per_order.mapped("amount"), [60.0, 30.0])

    def test_cap_per_line_and_period(self):
        self._rule(
            name="Capped",
            rate=10.0,
            cap_line=80.0,
            cap_period=150.0,
            partner_ids=[self.partner_gold.id],
        )
        first = self._lines(self._order())
        second = self._lines(self._order(date=datetime.datetime(2025, 4, 1)))
        self.assertEqual(first.amount, 80.0)
        self.assertIn("capped at", first.explanation)
        self.assertEqual(second.amount, 70.0)
        self.assertIn("period cap", second.explanation)

    def test_brackets_split_across_boundary(self):
        rule = self._rule(
            name="Ladder",
            rate=0.0,
            partner_ids=[self.partner_gold.id],
            bracket_ids=[
                (0, 0, {"amount_from": 0.0, "amount_to": 1500.0, "rate": 10.0}),
                (0, 0, {"amount_from": 1500.0, "amount_to": 0.0, "rate": 15.0}),
            ],
        )
        self.assertTrue(rule.use_brackets)
        first = self._lines(self._order(date=datetime.datetime(2025, 2, 1)))
        second = self._lines(self._order(date=datetime.datetime(2025, 3, 1)))
        self.assertEqual(first.amount, 100.0)
        # 500 at 10% + 500 at 15%
        self.assertEqual(second.amount, 125.0)
        self.assertAlmostEqual(second.rate, 12.5)
        self.assertIn("1,000.00", second.explanation)
        # next year starts from the first bracket again
        third = self._lines(self._order(date=datetime.datetime(2026, 1, 5)))
        self.assertEqual(third.amount, 100.0)

    def test_spiff_lines(self):
        self.env["prm.commission.spiff"].create(
            {
                "name": "Server push",
                "plan_id": self.plan.id,
                "date_from": datetime.date(2025, 3, 1),
                "date_to": datetime.date(2025, 3, 31),
                "categ_ids": [self.categ_hw.id],
                "tier_ids": [self.tier_gold.id],
                "compute_mode": "fixed_unit",
                "fixed_amount": 20.0,
            }
        )
        order = self._order(lines=[(self.server, 3, 1000.0), (self.license, 1, 100.0)])
        spiff = self._lines(order, kind="spiff")
        self.assertEqual(spiff.product_id, self.server)
        self.assertEqual(spiff.amount, 60.0)
        self.assertIn("SPIFF Server push", spiff.explanation)
        self.assertEqual(len(self._lines(order, kind="rule")), 2)
        # silver partners and orders after the window get no SPIFF
        silver = self._order(self.partner_silver, lines=[(self.server, 1, 1000.0)])
        late = self._order(date=datetime.datetime(2025, 4, 2))
        self.assertFalse(self._lines(silver, kind="spiff"))
        self.assertFalse(self._lines(late, kind="spiff"))

    def test_idempotent(self):
        order = self._order(lines=[(self.server, 1, 1000.0), (self.switch, 2, 200.0)])
        lines = self._lines(order)
        self.assertEqual(len(lines), 2)
        order._prm_commission_sync()
        order._prm_commission_sync()
        self.assertEqual(self._lines(order), lines)
        # the database refuses a second line for the same source
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                lines[0].copy({"source_key": lines[0].source_key})

    def test_recompute_on_change_and_not_when_settled(self):
        order = self._order()
        line = self._lines(order)
        self.assertEqual(line.amount, 50.0)
        order.order_line.price_unit = 2000.0
        self.assertEqual(line.amount, 100.0)
        self.assertEqual(line.state, "confirmed")
        settlement = self.env["prm.commission.settlement"].create(
            {
                "partner_id": self.partner_gold.id,
                "currency_id": self.currency.id,
                "date_from": datetime.date(2025, 3, 1),
                "date_to": datetime.date(2025, 3, 31),
            }
        )
        line.with_context(prm_commission_settling=True).write(
            {"settlement_id": settlement.id, "state": "settled"}
        )
        order.order_line.price_unit = 3000.0
        self.assertEqual(line.amount, 100.0, "settled commissions never change")
        adjustment = self._lines(order) - line
        self.assertEqual(len(adjustment), 1, "the difference gets its own line")
        self.assertEqual(adjustment.state, "confirmed")
        self.assertEqual(adjustment.amount, 50.0)
        self.assertEqual(adjustment.sales_amount, 1000.0)
        self.assertIn("Adjustment of a settled commission", adjustment.explanation)
        # back to the settled price: nothing is owed any more
        order.order_line.price_unit = 2000.0
        self.assertEqual(adjustment.state, "cancelled")
        # a lower price gives back the difference, on the same adjustment line
        order.order_line.price_unit = 1000.0
        self.assertEqual(adjustment.state, "confirmed")
        self.assertEqual(adjustment.amount, -50.0)
        self.assertEqual(len(self._lines(order)), 2)

    def _settle_lines(self, lines):
        return self.env["prm.commission.settlement"].create(
            {
                "partner_id": lines.partner_id.id,
                "currency_id": lines.currency_id.id,
                "date_from": min(lines.mapped("date")),
                "date_to": max(lines.mapped("date")),
                "line_ids": [Command.set(lines.ids)],
            }
        )

    def test_lines_readable_right_after_confirm(self):
        """Lines inserted in SQL are visible through the ORM at once."""
        order = self._order(confirm=False)
        self.assertFalse(order.prm_commission_line_ids)
        self.assertEqual(order.prm_commission_count, 0)
        partner_lines = self.partner_gold.prm_commission_line_ids
        order.action_confirm()
        self.assertEqual(len(order.prm_commission_line_ids), 1)
        self.assertEqual(order.prm_commission_line_ids.amount, 50.0)
        self.assertEqual(order.prm_commission_count, 1)
        self.assertEqual(
            self.partner_gold.prm_commission_line_ids,
            partner_lines | order.prm_commission_line_ids,
        )

    def test_fixed_per_order_not_paid_twice_after_settlement(self):
        self._rule(
            name="Per deal",
            compute_mode="fixed_order",
            fixed_amount=1000.0,
            partner_ids=[self.partner_gold.id],
        )
        order = self._order(lines=[(self.server, 1, 1000.0), (self.switch, 1, 1000.0)])
        settled = self._lines(order)
        self.assertEqual(settled.mapped("amount"), [500.0, 500.0])
        self._settle_lines(settled)
        self.env["sale.order.line"].create(
            {
                "order_id": order.id,
                "product_id": self.license.id,
                "product_uom_qty": 1,
                "price_unit": 1000.0,
                "tax_id": [Command.clear()],
            }
        )
        lines = self._lines(order)
        added = lines - settled
        self.assertEqual(len(added), 1)
        self.assertEqual(added.amount, 0.0, "the order already earned its amount")
        self.assertIn("already settled", added.explanation)
        self.assertEqual(sum(lines.mapped("amount")), 1000.0)
        self.assertEqual(settled.mapped("amount"), [500.0, 500.0])
        # a higher fixed amount pays only the difference, to the new line
        self.env["prm.commission.rule"].search(
            [("name", "=", "Per deal"), ("plan_id", "=", self.plan.id)]
        ).fixed_amount = 1300.0
        order._prm_commission_sync()
        self.assertEqual(added.amount, 300.0)
        self.assertEqual(sum(self._lines(order).mapped("amount")), 1300.0)

    def test_cancel_with_order(self):
        order = self._order(lines=[(self.server, 1, 1000.0), (self.switch, 1, 200.0)])
        order._action_cancel()
        self.assertEqual(set(self._lines(order).mapped("state")), {"cancelled"})
        # confirming again brings the same lines back, no duplicates
        order.action_draft()
        order.action_confirm()
        lines = self._lines(order)
        self.assertEqual(len(lines), 2)
        self.assertEqual(set(lines.mapped("state")), {"confirmed"})

    def test_multi_currency(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "name": "2025-01-01",
                "currency_id": eur.id,
                "company_id": self.company.id,
                "rate": 0.5,  # 1 company currency = 0.5 EUR
            }
        )
        order = self._order(lines=[(self.server, 1, 1000.0)], currency=eur)
        self.assertEqual(order.currency_id, eur)
        line = self._lines(order)
        # 1000 EUR = 2000 in the plan (company) currency, 5% = 100
        self.assertEqual(line.currency_id, self.currency)
        self.assertEqual(line.sales_amount, 2000.0)
        self.assertEqual(line.amount, 100.0)
        self.assertEqual(line.amount_company, 100.0)
        # an EUR plan keeps EUR amounts and converts the company amount
        eur_plan = self.plan.copy({"name": "EUR plan", "currency_id": eur.id})
        self._rule(name="EUR", rate=10.0, plan_id=eur_plan.id)
        self.partner_silver.prm_commission_plan_id = eur_plan
        eur_line = self._lines(self._order(self.partner_silver, currency=eur))
        self.assertEqual(eur_line.currency_id, eur)
        self.assertEqual(eur_line.amount, 100.0)
        self.assertEqual(eur_line.amount_company, 200.0)

    def test_partner_without_plan_gets_nothing(self):
        lonely = self.env["res.partner"].create(
            {"name": "No plan", "is_company": True, "prm_is_partner": True}
        )
        self.assertFalse(self._lines(self._order(lonely)))

    def test_bad_input(self):
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            self._rule(name="Negative", rate=-1.0)
        with self.assertRaisesText(ValidationError, "overlap"):
            self._rule(
                name="Overlap",
                bracket_ids=[
                    (0, 0, {"amount_from": 0.0, "amount_to": 1000.0, "rate": 10.0}),
                    (0, 0, {"amount_from": 500.0, "amount_to": 0.0, "rate": 15.0}),
                ],
            )
        self.company.prm_commission_max_rate = 20.0
        with self.assertRaisesText(ValidationError, "above the company maximum"):
            self._rule(name="Too much", rate=25.0)
        with self.assertRaisesText(ValidationError, "above the company maximum"):
            self.rule_all.bracket_ids = [
                (0, 0, {"amount_from": 0.0, "amount_to": 0.0, "rate": 30.0})
            ]
        # lowering the maximum below an existing rule is refused as well
        self._rule(name="Fine", rate=15.0)
        with self.assertRaisesText(ValidationError, "above the company maximum"):
            self.company.prm_commission_max_rate = 10.0

    def test_plan_recompute_after_rule_change(self):
        order = self._order()
        line = self._lines(order)
        self.rule_all.rate = 6.0
        self.assertEqual(line.amount, 50.0, "rules apply when asked, not silently")
        self.plan.with_user(self.manager).action_recompute()
        self.assertEqual(line.amount, 60.0)
        self.assertIn("6% of the untaxed amount", line.explanation)

    def test_explanation_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        order = self._order()
        order.with_context(lang="vi_VN")._prm_commission_sync()
        line = self._lines(order)
        # amounts as Vietnamese writes them (Odoo's format_amount)
        self.assertEqual(
            line.explanation,
            "Everyone (mọi đối tác, mọi sản phẩm): 5% của giá trị trước thuế "
            "$\N{NO-BREAK SPACE}1.000,00; hoa hồng $\N{NO-BREAK SPACE}50,00",
        )

    def test_order_changes_on_confirmed_order(self):
        order = self._order()
        self.env["sale.order.line"].create(
            {
                "order_id": order.id,
                "product_id": self.switch.id,
                "product_uom_qty": 2,
                "price_unit": 200.0,
                "tax_id": [Command.clear()],
            }
        )
        lines = self._lines(order)
        self.assertEqual(lines.mapped("amount"), [50.0, 20.0])
        # another channel partner takes the deal: the same lines follow it
        self._rule(name="Silver", rate=3.0, partner_ids=[self.partner_silver.id])
        order.prm_partner_id = self.partner_silver
        self.assertEqual(self._lines(order), lines)
        self.assertEqual(lines.partner_id, self.partner_silver)
        self.assertEqual(lines.mapped("amount"), [30.0, 12.0])
