# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CommissionCase


@tagged("post_install", "-at_install")
class TestCommissionSecurity(CommissionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule(name="Everyone", rate=10.0)
        cls.order_gold = cls._order(cls.partner_gold)
        cls.order_silver = cls._order(cls.partner_silver)
        cls.settlements = (
            cls.env["prm.commission.settlement.wizard"]
            .create({"period": "month", "date": datetime.date(2025, 3, 1)})
            ._prm_create_settlements()
        )
        # partners read approved statements, never drafts
        cls.settlements.with_user(cls.manager).action_approve()
        cls.portal_user = cls._prm_portal_user(
            cls.partner_gold, login="prm_com_portal", name="Gold Contact"
        )

    def test_portal_reads_only_own_commissions(self):
        Line = self.env["prm.commission.line"].with_user(self.portal_user)
        lines = Line.search([])
        self.assertEqual(lines.partner_id, self.partner_gold)
        self.assertEqual(lines.order_id, self.order_gold)
        # the partner reads how its commission is computed, not the
        # vendor's internal explanation (margins and costs of margin rules)
        self.assertTrue(lines.mapped("partner_explanation")[0])
        with self.assertRaises(AccessError):
            lines.read(["explanation"])
        other = self._lines(self.order_silver)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_user).read(["amount"])
        Settlement = self.env["prm.commission.settlement"].with_user(self.portal_user)
        self.assertEqual(Settlement.search([]).partner_id, self.partner_gold)
        with self.assertRaises(AccessError):
            lines.write({"amount": 0.0})
        with self.assertRaises(AccessError):
            Settlement.search([]).action_cancel()

    def test_portal_sees_neither_drafts_nor_cancelled(self):
        gold = self.settlements.filtered(lambda s: s.partner_id == self.partner_gold)
        live_line = gold.line_ids
        # a forecast (draft line) and a cancelled order of the same partner
        self.plan.basis = "invoice_posted"
        forecast = self._lines(self._order(self.partner_gold))
        self.assertEqual(forecast.state, "draft")
        self.plan.basis = "order_confirmed"
        cancelled_order = self._order(self.partner_gold)
        cancelled_order._action_cancel()
        cancelled = self._lines(cancelled_order)
        self.assertEqual(cancelled.state, "cancelled")
        # a draft settlement and a cancelled one
        Settlement = self.env["prm.commission.settlement"]
        values = {
            "partner_id": self.partner_gold.id,
            "currency_id": self.currency.id,
            "date_from": datetime.date(2025, 4, 1),
            "date_to": datetime.date(2025, 4, 30),
        }
        draft = Settlement.create(values)
        dropped = Settlement.create(values)
        dropped.action_cancel()
        self.assertEqual(dropped.state, "cancelled")

        Line = self.env["prm.commission.line"].with_user(self.portal_user)
        self.assertEqual(Line.search([]), live_line)
        PortalSettlement = Settlement.with_user(self.portal_user)
        self.assertEqual(PortalSettlement.search([]), gold)
        for record in (forecast, cancelled, draft, dropped):
            with self.assertRaises(AccessError):
                record.with_user(self.portal_user).read(["display_name"])

    def test_users_read_managers_configure(self):
        Plan = self.env["prm.commission.plan"]
        self.assertTrue(
            Plan.with_user(self.prm_user).search([("id", "=", self.plan.id)])
        )
        with self.assertRaises(AccessError):
            Plan.with_user(self.prm_user).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.prm_user).write({"clawback_days": 1})
        with self.assertRaises(AccessError):
            self._lines(self.order_gold).with_user(self.prm_user).write({"amount": 1})
        plan = Plan.with_user(self.manager).create({"name": "Managed"})
        self.assertEqual(plan.company_id, self.company)
        # a salesman without PRM rights still confirms orders that earn commission
        order = self._order(confirm=False, user_id=self.salesman.id)
        order = order.with_user(self.salesman)
        order.action_confirm()
        self.assertTrue(self._lines(order))
        with self.assertRaises(AccessError):
            self.env["prm.commission.line"].with_user(self.salesman).search([])

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other PRM Co"})
        plan_other = (
            self.env["prm.commission.plan"]
            .with_company(other)
            .create({"name": "Other plan", "company_id": other.id})
        )
        self._rule(name="Other", rate=50.0, plan_id=plan_other.id)
        self.prm_user.write({"company_ids": [(4, other.id)]})
        Plan = (
            self.env["prm.commission.plan"]
            .with_user(self.prm_user)
            .with_context(allowed_company_ids=[self.company.id])
        )
        self.assertNotIn(plan_other, Plan.search([]))
        self.assertIn(
            plan_other,
            Plan.with_context(allowed_company_ids=[self.company.id, other.id]).search(
                []
            ),
        )
        # the gold partner's plan in the other company is the override there
        self.partner_gold.with_company(other).prm_commission_plan_id = plan_other
        self.assertEqual(self.partner_gold.prm_commission_plan_id, self.plan.browse())
        order = self._order(company_id=other.id)
        line = self._lines(order)
        self.assertEqual(line.company_id, other)
        self.assertEqual(line.plan_id, plan_other)
        self.assertEqual(line.amount, 500.0)
        Line = self.env["prm.commission.line"].with_user(self.prm_user)
        self.assertNotIn(
            line, Line.with_context(allowed_company_ids=[self.company.id]).search([])
        )
        self.assertIn(
            line, Line.with_context(allowed_company_ids=[other.id]).search([])
        )
        # a plan of another company is never used for this company's orders
        self.partner_silver.prm_commission_plan_id = plan_other
        silver = self._order(self.partner_silver)
        self.assertEqual(self._lines(silver).plan_id, self.plan)
