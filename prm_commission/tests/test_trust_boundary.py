# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Money is changed by PRM managers only, traced in the chatter; past
commissions keep the tier of their sale; partners never see the margin."""

import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionTrustBoundary(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.override = cls.env["prm.commission.plan"].create(
            {"name": "Strategic Plan", "currency_id": cls.currency.id}
        )
        cls.portal_user = cls._prm_portal_user(
            cls.partner_gold, login="prm_com_tb_portal", name="Gold Buyer"
        )

    def _tracked(self, record):
        return record.with_context(tracking_disable=False, mail_notrack=False)

    def test_plan_override_is_for_managers_and_tracked(self):
        with self.assertRaises(AccessError):
            self.partner_gold.with_user(self.prm_user).write(
                {"prm_commission_plan_id": self.override.id}
            )
        with self.assertRaises(AccessError):
            self.partner_gold.with_user(self.salesman).read(["prm_commission_plan_id"])
        with self.assertRaises(AccessError):
            self.partner_gold.with_user(self.portal_user).read(
                ["prm_commission_plan_id"]
            )
        # PRM users see it, managers change it, the chatter keeps the change
        self.assertFalse(
            self.partner_gold.with_user(self.prm_user).read(["prm_commission_plan_id"])[
                0
            ]["prm_commission_plan_id"]
        )
        self.partner_gold.with_user(self.manager).prm_commission_plan_id = self.override
        self.assertEqual(self.partner_gold.prm_commission_plan_id, self.override)
        self.assertIn(
            "the tier's plan → Strategic Plan",
            self.partner_gold.message_ids[0].body,
        )

    def test_plan_rules_brackets_and_spiffs_changes_are_in_the_plan_chatter(self):
        plan = self._tracked(self.plan.with_user(self.manager))
        with self.assertRaises(AccessError):
            self.env["prm.commission.rule"].with_user(self.prm_user).create(
                {"name": "Sneaky", "plan_id": self.plan.id, "rate": 50.0}
            )
        rule = plan.env["prm.commission.rule"].create(
            {"name": "Servers", "plan_id": plan.id, "rate": 5.0}
        )
        rule.rate = 7.5
        rule.bracket_ids = [
            Command.create({"amount_from": 0, "amount_to": 0, "rate": 8.0})
        ]
        spiff = plan.env["prm.commission.spiff"].create(
            {
                "name": "Q3 push",
                "plan_id": plan.id,
                "date_from": datetime.date(2025, 7, 1),
                "date_to": datetime.date(2025, 9, 30),
                "product_ids": [Command.set(self.server.ids)],
                "fixed_amount": 20.0,
            }
        )
        spiff.unlink()
        plan.clawback_days = 60
        plan.env.flush_all()
        plan.env.cr.precommit.run()  # tracking values are written at commit
        bodies = " ".join(self.plan.message_ids.mapped("body"))
        self.assertIn("Commission Rule Servers added", bodies)
        self.assertIn("Rate (%): 5.0 → 7.5", bodies)
        self.assertIn("Commission Bracket", bodies)
        self.assertIn("Commission SPIFF Q3 push added", bodies)
        self.assertIn("Commission SPIFF Q3 push removed", bodies)
        self.assertIn(
            "clawback_days",
            self.plan.message_ids.tracking_value_ids.field_id.mapped("name"),
        )

    def test_past_commissions_keep_the_tier_of_their_sale(self):
        silver_plan = self.env["prm.commission.plan"].create(
            {
                "name": "Silver only",
                "basis": "order_confirmed",
                "currency_id": self.currency.id,
            }
        )
        self._rule(plan_id=silver_plan.id, name="Silver 1%", rate=1.0)
        self.tier_silver.commission_plan_id = silver_plan
        self._rule(
            name="Gold only", rate=10.0, tier_ids=[Command.set(self.tier_gold.ids)]
        )
        order = self._order(self.partner_gold)
        line = self._lines(order)
        self.assertEqual(
            (line.plan_id, line.tier_id, line.amount),
            (self.plan, self.tier_gold, 100.0),
        )
        self.assertEqual(order.prm_tier_id, self.tier_gold)
        # a later demotion changes neither the plan nor the tier-scoped rule
        self.partner_gold.with_user(self.manager).prm_tier_id = self.tier_silver
        order.with_user(self.manager).action_prm_recompute_commissions()
        self.plan.with_user(self.manager).action_recompute()
        lines = self._lines(order)
        self.assertEqual(lines, line)
        self.assertEqual(
            (line.state, line.plan_id, line.tier_id, line.amount),
            ("confirmed", self.plan, self.tier_gold, 100.0),
        )
        # a new sale follows the new tier
        new_line = self._lines(self._order(self.partner_gold))
        self.assertEqual((new_line.plan_id, new_line.amount), (silver_plan, 10.0))

    def test_recomputing_is_for_managers(self):
        self._rule(name="Everyone", rate=10.0)
        order = self._order(self.partner_gold)
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_prm_recompute_commissions()
        with self.assertRaises(AccessError):
            order.with_user(self.prm_user).action_prm_recompute_commissions()
        with self.assertRaises(AccessError):
            self.plan.with_user(self.prm_user).action_recompute()
        self.assertTrue(
            order.with_user(self.manager).action_prm_recompute_commissions()
        )

    def test_settled_amounts_ignore_the_context_key(self):
        self._rule(name="Everyone", rate=10.0)
        line = self._lines(self._order(self.partner_gold))
        settlement = (
            self.env["prm.commission.settlement.wizard"]
            .create({"period": "month", "date": datetime.date(2025, 3, 1)})
            ._prm_create_settlements()
        )
        self.assertEqual((line.state, line.settlement_id), ("settled", settlement))
        with self.assertRaises(UserError):
            line.with_user(self.manager).with_context(
                prm_commission_settling=True
            ).write({"amount": 1_000_000.0})
        self.assertEqual(line.amount, 100.0)

    def test_partner_never_sees_the_margin(self):
        self._rule(name="Margin share", compute_mode="percent_margin", rate=10.0)
        order = self._order(self.partner_gold)  # 1,000 sold, 600 cost, 400 margin
        line = self._lines(order)
        self.assertEqual((line.base_amount, line.amount), (400.0, 40.0))
        settlement = (
            self.env["prm.commission.settlement.wizard"]
            .create({"period": "month", "date": datetime.date(2025, 3, 1)})
            ._prm_create_settlements()
        )
        settlement.with_user(self.manager).action_approve()
        as_partner = line.with_user(self.portal_user)
        values = as_partner.read(["sales_amount", "rate", "amount"])[0]
        self.assertEqual(
            (values["sales_amount"], values["rate"], values["amount"]),
            (1000.0, 10.0, 40.0),
        )
        for name in ("base_amount", "explanation"):
            with self.assertRaises(AccessError, msg=name):
                as_partner.read([name])
        self.assertIn("400", line.explanation)
        self.assertNotIn("400", as_partner.partner_explanation)
        self.assertNotIn("600", as_partner.partner_explanation)
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "prm_commission.action_report_commission_statement", settlement.ids
        )
        html = html.decode()
        self.assertIn("1,000.00", html)
        self.assertNotIn("400.00", html)
        self.assertNotIn("600.00", html)
